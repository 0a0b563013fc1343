package io.npsloop.ingest.apikeys.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.ingest.apikeys.ApiKeyStore;
import io.npsloop.ingest.apikeys.ManagedApiKey;
import io.npsloop.ingest.apikeys.RateLimit;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Managed keys in the collection {@code api_keys}, one document per key with the name as
 * {@code _id} (so two instances creating the same name at once cannot both succeed), the hash as
 * hex and every time as a date. Uses go to {@code api_key_usage}, one document per key name, each
 * a {@code $max} upsert, so instances writing in any order keep the latest.
 */
class MongoApiKeyStore implements ApiKeyStore {

    static final String KEYS = "api_keys";
    static final String USAGE = "api_key_usage";

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> usage;

    MongoApiKeyStore(MongoDatabase database) {
        this.keys = database.getCollection(KEYS);
        this.usage = database.getCollection(USAGE);
    }

    @Override
    public boolean insert(ManagedApiKey key) {
        try {
            keys.insertOne(toDocument(key));
            return true;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<ManagedApiKey> all() {
        List<ManagedApiKey> all = new ArrayList<>();
        keys.find().forEach(document -> all.add(fromDocument(document)));
        return all;
    }

    @Override
    public Optional<ManagedApiKey> find(String name) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", name)).first()).map(MongoApiKeyStore::fromDocument);
    }

    @Override
    public Optional<ManagedApiKey> revoke(String name, String actor, Instant at) {
        // Guarded by "not yet revoked": of two revocations at once, the first one's actor and time stay.
        keys.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("revokedAt", null)),
                Updates.combine(Updates.set("revokedAt", Date.from(at)), Updates.set("revokedBy", actor)));
        return find(name);
    }

    @Override
    public void recordUses(Map<String, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>();
        lastUsed.forEach((name, at) -> updates.add(new UpdateOneModel<>(Filters.eq("_id", name),
                Updates.max("lastUsedAt", Date.from(at)), new UpdateOptions().upsert(true))));
        usage.bulkWrite(updates);
    }

    @Override
    public Map<String, Instant> lastUses() {
        Map<String, Instant> uses = new HashMap<>();
        usage.find().forEach(document -> {
            Date at = document.getDate("lastUsedAt");
            if (at != null) {
                uses.put(document.getString("_id"), at.toInstant());
            }
        });
        return uses;
    }

    static Document toDocument(ManagedApiKey key) {
        RateLimit rate = key.rateLimit();
        return new Document("_id", key.name())
                .append("source", key.source())
                .append("sha256", HexFormat.of().formatHex(key.sha256()))
                .append("scopes", key.scopes().stream().sorted().toList())
                .append("rateLimit", rate == null ? null
                        : new Document("permits", rate.permits()).append("period", rate.period().toString()))
                .append("createdAt", Date.from(key.createdAt()))
                .append("createdBy", key.createdBy())
                .append("revokedAt", key.revokedAt() == null ? null : Date.from(key.revokedAt()))
                .append("revokedBy", key.revokedBy());
    }

    static ManagedApiKey fromDocument(Document document) {
        Document rate = document.get("rateLimit", Document.class);
        Date revokedAt = document.getDate("revokedAt");
        return new ManagedApiKey(document.getString("_id"), document.getString("source"),
                HexFormat.of().parseHex(document.getString("sha256")),
                new HashSet<>(document.getList("scopes", String.class)),
                rate == null ? null : new RateLimit(rate.getInteger("permits"), Duration.parse(rate.getString("period"))),
                document.getDate("createdAt").toInstant(), document.getString("createdBy"),
                instant(revokedAt), document.getString("revokedBy"));
    }

    private static @Nullable Instant instant(@Nullable Date date) {
        return date == null ? null : date.toInstant();
    }
}
