package io.npsloop.platform.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Every change an administrator made to this service: who, when, which endpoint, the answer's
 * status and the request body as sent. Kept in the service's own database, newest first on read.
 */
public class AdminAuditLog {

    static final String COLLECTION = "admin_audit";

    private final MongoCollection<Document> entries;
    private final String service;
    private volatile boolean indexed;

    public AdminAuditLog(MongoDatabase database, String service) {
        this.entries = database.getCollection(COLLECTION);
        this.service = service;
    }

    /** One audited change. {@code body} is the request body (JSON text or a marker when not kept). */
    public record Entry(Instant at, String actor, String service, String method, String path, int status, @Nullable String body) {
    }

    public void record(Entry entry) {
        if (!indexed) {
            // On first use, not at startup: a service must start while its store is still away.
            entries.createIndex(Indexes.descending("at"));
            indexed = true;
        }
        entries.insertOne(new Document("at", java.util.Date.from(entry.at()))
                .append("actor", entry.actor())
                .append("service", entry.service())
                .append("method", entry.method())
                .append("path", entry.path())
                .append("status", entry.status())
                .append("body", entry.body()));
    }

    public List<Entry> latest(int limit) {
        List<Entry> latest = new ArrayList<>();
        for (Document document : entries.find().sort(Sorts.descending("at")).limit(limit)) {
            latest.add(new Entry(document.getDate("at").toInstant(), document.getString("actor"), document.getString("service"),
                    document.getString("method"), document.getString("path"), document.getInteger("status"), document.getString("body")));
        }
        return latest;
    }

    String service() {
        return service;
    }
}
