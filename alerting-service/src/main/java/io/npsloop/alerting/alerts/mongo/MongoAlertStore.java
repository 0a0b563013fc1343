package io.npsloop.alerting.alerts.mongo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.alerting.notifications.mongo.TargetDocuments;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.mongo.JsonDocuments;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Alerts in MongoDB, one document per alert id: the alert as published, whether it was, the
 * targets to notify and the responses attached later. The filter fields (severity, queue,
 * customer, raisedAt) sit at the top level so queries do not reach into the event.
 */
@Component
class MongoAlertStore implements AlertStore {

    static final String ALERTS = "alerts";
    static final String ATTACHMENTS = "alert_attachments";

    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> attachments;
    private final JsonDocuments json;

    MongoAlertStore(MongoDatabase database, JsonDocuments json) {
        this.alerts = database.getCollection(ALERTS);
        this.attachments = database.getCollection(ATTACHMENTS);
        this.json = json;
    }

    /**
     * One unordered insert: an id that exists fails alone with a duplicate key, and only those ids
     * are read back, so that the alert stored first is the one the caller finishes.
     */
    @Override
    public Map<String, StoredAlert> insertAllIfAbsent(List<NewAlert> batch) {
        Map<String, StoredAlert> stored = new LinkedHashMap<>();
        Map<String, Document> docs = new LinkedHashMap<>();
        for (NewAlert alert : batch) {
            docs.putIfAbsent(alert.alert().alertId(), toDocument(alert));
            stored.putIfAbsent(alert.alert().alertId(), new StoredAlert(alert.alert(), false, List.of(), alert.targets()));
        }
        if (docs.isEmpty()) {
            return stored;
        }
        List<Document> written = List.copyOf(docs.values());
        try {
            alerts.insertMany(written, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            GuardedBulkWrites.rethrowUnlessOnlyDuplicateKeys(e);
            List<String> collided = e.getWriteErrors().stream().map(error -> written.get(error.getIndex()).getString("_id")).toList();
            Map<String, StoredAlert> existing = findAll(collided);
            for (String id : collided) {
                StoredAlert first = existing.get(id);
                if (first == null) {
                    throw new IllegalStateException("Alert " + id + " collided but cannot be read", e);
                }
                stored.put(id, first);
            }
        }
        return stored;
    }

    private Document toDocument(NewAlert alert) {
        DetractorAlertRaised event = alert.alert();
        return new Document("_id", event.alertId())
                .append("published", false)
                .append("raisedAt", Date.from(event.raisedAt()))
                .append("severity", event.severity().name())
                .append("ownerQueue", event.ownerQueue())
                .append("customerId", event.customerId())
                .append("attachedResponseIds", List.of())
                .append("targets", alert.targets().stream().map(TargetDocuments::toDocument).toList())
                .append("alert", json.toDocument(event));
    }

    @Override
    public void markAllPublished(Collection<String> alertIds) {
        if (!alertIds.isEmpty()) {
            alerts.updateMany(Filters.in("_id", alertIds), Updates.set("published", true));
        }
    }

    @Override
    public @Nullable StoredAlert find(String alertId) {
        Document doc = alerts.find(Filters.eq("_id", alertId)).first();
        return doc == null ? null : toStored(doc);
    }

    @Override
    public Map<String, StoredAlert> findAll(Collection<String> alertIds) {
        Map<String, StoredAlert> found = new HashMap<>();
        if (alertIds.isEmpty()) {
            return found;
        }
        for (Document doc : alerts.find(Filters.in("_id", alertIds))) {
            found.put(doc.getString("_id"), toStored(doc));
        }
        return found;
    }

    /**
     * One unordered insert of the attachment records (existing ones are duplicate keys, which is
     * "attached before"), then one unordered bulk adding each open alert's new response ids.
     */
    @Override
    public void attachAll(List<Attachment> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Document> records = new LinkedHashMap<>();
        Map<String, Set<String>> responsesByAlert = new LinkedHashMap<>();
        for (Attachment attachment : batch) {
            records.putIfAbsent(attachment.ownAlertId(), new Document("_id", attachment.ownAlertId())
                    .append("attachedTo", attachment.openAlertId()).append("responseId", attachment.responseId()));
            responsesByAlert.computeIfAbsent(attachment.openAlertId(), id -> new LinkedHashSet<>()).add(attachment.responseId());
        }
        try {
            attachments.insertMany(List.copyOf(records.values()), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            GuardedBulkWrites.rethrowUnlessOnlyDuplicateKeys(e);
        }
        List<UpdateOneModel<Document>> additions = new ArrayList<>(responsesByAlert.size());
        responsesByAlert.forEach((alertId, responseIds) -> additions.add(new UpdateOneModel<>(Filters.eq("_id", alertId),
                Updates.addEachToSet("attachedResponseIds", List.copyOf(responseIds)))));
        alerts.bulkWrite(additions, new BulkWriteOptions().ordered(false));
    }

    @Override
    public Map<String, String> attachedToAll(Collection<String> ownAlertIds) {
        Map<String, String> found = new HashMap<>();
        if (ownAlertIds.isEmpty()) {
            return found;
        }
        for (Document doc : attachments.find(Filters.in("_id", ownAlertIds))) {
            found.put(doc.getString("_id"), doc.getString("attachedTo"));
        }
        return found;
    }

    @Override
    public Page search(AlertQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.severity() != null) {
            filters.add(Filters.eq("severity", query.severity().name()));
        }
        if (query.queue() != null) {
            filters.add(Filters.eq("ownerQueue", query.queue()));
        }
        if (query.customerId() != null) {
            filters.add(Filters.eq("customerId", query.customerId()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte("raisedAt", Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt("raisedAt", Date.from(query.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<StoredAlert> page = new ArrayList<>();
        for (Document doc : alerts.find(filter).sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id")))
                .skip(query.page() * query.size()).limit(query.size())) {
            page.add(toStored(doc));
        }
        return new Page(page, alerts.countDocuments(filter));
    }

    private StoredAlert toStored(Document doc) {
        List<NotificationTarget> targets = doc.getList("targets", Document.class, List.of()).stream()
                .map(TargetDocuments::fromDocument).toList();
        return new StoredAlert(json.fromDocument(doc.get("alert", Document.class), DetractorAlertRaised.class),
                doc.getBoolean("published", false), doc.getList("attachedResponseIds", String.class, List.of()), targets);
    }
}
