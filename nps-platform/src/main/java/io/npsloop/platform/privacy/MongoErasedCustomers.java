package io.npsloop.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;

/**
 * {@link ErasedCustomers} in the service's own database, collection {@code erased_customers}: one
 * document per erased customer, {@code _id} the SHA-256 of the customer id (the id itself is what
 * was erased, so it is not kept here), with the replacement id and the time of the erasure. A look-up
 * is one read by {@code _id}. Customers found erased are remembered in memory (an erasure is never
 * undone, so that answer cannot go stale); a customer not found is read again every time, since
 * another instance of the service may have recorded the erasure in the meantime.
 */
public class MongoErasedCustomers implements ErasedCustomers {

    public static final String COLLECTION = "erased_customers";

    static final String REPLACEMENT = "replacementCustomerId";
    static final String ERASED_AT = "erasedAt";

    /** Enough for every customer erased in a long while; one forgotten is simply read again. */
    private static final int REMEMBERED = 10_000;

    private final MongoCollection<Document> erased;
    private final Map<String, String> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    });

    public MongoErasedCustomers(MongoDatabase database) {
        this.erased = database.getCollection(COLLECTION);
    }

    @Override
    public String record(String customerId, String replacementCustomerId, Instant erasedAt) {
        String id = idOf(customerId);
        Document onRecord;
        try {
            onRecord = erased.findOneAndUpdate(Filters.eq("_id", id),
                    Updates.combine(Updates.setOnInsert(REPLACEMENT, replacementCustomerId),
                            Updates.setOnInsert(ERASED_AT, Date.from(erasedAt))),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } catch (MongoException e) {
            // Two erasures of one customer racing: the other upsert inserted it first.
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            onRecord = erased.find(Filters.eq("_id", id)).first();
        }
        if (onRecord == null) {
            throw new IllegalStateException("An erased customer is not on record after the upsert");
        }
        String replacement = onRecord.getString(REPLACEMENT);
        known.put(id, replacement);
        return replacement;
    }

    @Override
    public Optional<String> replacementFor(String customerId) {
        String id = idOf(customerId);
        String replacement = known.get(id);
        if (replacement == null) {
            Document onRecord = erased.find(Filters.eq("_id", id)).projection(Projections.include(REPLACEMENT)).first();
            if (onRecord == null) {
                return Optional.empty();
            }
            replacement = onRecord.getString(REPLACEMENT);
            known.put(id, replacement);
        }
        return Optional.of(replacement);
    }

    /** The customers not known to be erased are read in one query. */
    @Override
    public Map<String, String> replacementsFor(Collection<String> customerIds) {
        Map<String, String> replacements = new LinkedHashMap<>();
        Map<String, String> unknown = new LinkedHashMap<>();
        for (String customerId : customerIds) {
            String id = idOf(customerId);
            String replacement = known.get(id);
            if (replacement != null) {
                replacements.put(customerId, replacement);
            } else {
                unknown.put(id, customerId);
            }
        }
        if (!unknown.isEmpty()) {
            List<String> ids = new ArrayList<>(unknown.keySet());
            var filter = ids.size() == 1 ? Filters.eq("_id", ids.get(0)) : Filters.in("_id", ids);
            for (Document onRecord : erased.find(filter).projection(Projections.include(REPLACEMENT))) {
                String id = onRecord.getString("_id");
                String replacement = onRecord.getString(REPLACEMENT);
                known.put(id, replacement);
                replacements.put(unknown.get(id), replacement);
            }
        }
        return replacements;
    }

    /** The key of a customer's record: the hex SHA-256 of the id's UTF-8 bytes. */
    static String idOf(String customerId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
