package io.npsloop.platform.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

/**
 * A {@link PersonalDataEraser} over plain MongoDB collections: every document whose customer-id
 * field holds the customer is rewritten with each personal field (contact, comment, note, email,
 * phone and the like, at any depth) set to null and every value equal to the customer id replaced,
 * the document id included. Counts and scores are left alone, so figures summed from them do not
 * move. Running it again finds nothing: the customer id is gone.
 */
public final class CustomerDocuments implements PersonalDataEraser {

    /** Field names that hold what a customer wrote or how to reach them, wherever they appear. */
    public static final Set<String> PERSONAL_FIELDS = Set.of("contact", "comment", "note", "notes", "email", "phone",
            "otherRootCause", "otherText", "details");

    private final MongoDatabase database;
    private final Map<String, String> customerIdFields = new LinkedHashMap<>();

    private CustomerDocuments(MongoDatabase database) {
        this.database = database;
    }

    public static CustomerDocuments in(MongoDatabase database) {
        return new CustomerDocuments(database);
    }

    /** A collection whose documents name their customer in the (dotted) field. */
    public CustomerDocuments collection(String name, String customerIdField) {
        customerIdFields.put(name, customerIdField);
        return this;
    }

    @Override
    public Map<String, Long> erase(String customerId, String replacementCustomerId) {
        Map<String, Long> erased = new LinkedHashMap<>();
        customerIdFields.forEach((name, field) -> {
            var collection = database.getCollection(name);
            List<Document> found = collection.find(Filters.eq(field, customerId)).into(new ArrayList<>());
            for (Document document : found) {
                Object id = document.get("_id");
                Document scrubbed = (Document) scrub(document, customerId, replacementCustomerId);
                if (scrubbed.get("_id").equals(id)) {
                    collection.replaceOne(Filters.eq("_id", id), scrubbed);
                } else {
                    // Keyed by the customer: the rewritten document takes the new key, then the old one goes.
                    collection.replaceOne(Filters.eq("_id", scrubbed.get("_id")), scrubbed, new ReplaceOptions().upsert(true));
                    collection.deleteOne(Filters.eq("_id", id));
                }
            }
            erased.put(name, (long) found.size());
        });
        return erased;
    }

    private static Object scrub(Object value, String customerId, String replacement) {
        if (value instanceof Document document) {
            Document scrubbed = new Document();
            document.forEach((key, inner) -> scrubbed.append(key,
                    PERSONAL_FIELDS.contains(key) ? null : scrub(inner, customerId, replacement)));
            return scrubbed;
        }
        if (value instanceof List<?> list) {
            List<Object> scrubbed = new ArrayList<>(list.size());
            list.forEach(item -> scrubbed.add(scrub(item, customerId, replacement)));
            return scrubbed;
        }
        if (customerId.equals(value)) {
            return replacement;
        }
        return value;
    }
}
