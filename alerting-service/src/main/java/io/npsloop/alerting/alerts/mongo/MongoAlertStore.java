package io.npsloop.alerting.alerts.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.alerting.notifications.mongo.TargetDocuments;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
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

    @Override
    public StoredAlert insertIfAbsent(DetractorAlertRaised alert, List<NotificationTarget> targets) {
        Document doc = new Document("_id", alert.alertId())
                .append("published", false)
                .append("raisedAt", Date.from(alert.raisedAt()))
                .append("severity", alert.severity().name())
                .append("ownerQueue", alert.ownerQueue())
                .append("customerId", alert.customerId())
                .append("attachedResponseIds", List.of())
                .append("targets", targets.stream().map(TargetDocuments::toDocument).toList())
                .append("alert", json.toDocument(alert));
        try {
            alerts.insertOne(doc);
            return new StoredAlert(alert, false, List.of(), targets);
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            StoredAlert existing = find(alert.alertId());
            if (existing == null) {
                throw new IllegalStateException("Alert " + alert.alertId() + " collided but cannot be read", e);
            }
            return existing;
        }
    }

    @Override
    public void markPublished(String alertId) {
        alerts.updateOne(Filters.eq("_id", alertId), Updates.set("published", true));
    }

    @Override
    public @Nullable StoredAlert find(String alertId) {
        Document doc = alerts.find(Filters.eq("_id", alertId)).first();
        return doc == null ? null : toStored(doc);
    }

    @Override
    public void attach(String ownAlertId, String openAlertId, String responseId) {
        try {
            attachments.insertOne(new Document("_id", ownAlertId).append("attachedTo", openAlertId)
                    .append("responseId", responseId));
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
        }
        alerts.updateOne(Filters.eq("_id", openAlertId), Updates.addToSet("attachedResponseIds", responseId));
    }

    @Override
    public @Nullable String attachedTo(String ownAlertId) {
        Document doc = attachments.find(Filters.eq("_id", ownAlertId)).first();
        return doc == null ? null : doc.getString("attachedTo");
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
