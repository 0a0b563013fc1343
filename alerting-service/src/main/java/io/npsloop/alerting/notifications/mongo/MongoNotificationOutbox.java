package io.npsloop.alerting.notifications.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.notifications.NotificationOutbox;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.platform.mongo.JsonDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The notifications outbox: one document per alert and target with its attempts. */
@Component
class MongoNotificationOutbox implements NotificationOutbox {

    static final String NOTIFICATIONS = "notifications";

    private final MongoCollection<Document> notifications;
    private final JsonDocuments json;

    MongoNotificationOutbox(MongoDatabase database, JsonDocuments json) {
        this.notifications = database.getCollection(NOTIFICATIONS);
        this.json = json;
    }

    /** Unordered insert: existing ids fail with duplicate keys, which is what "enqueue once" means. */
    @Override
    public void enqueue(List<Notification> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Document> docs = entries.stream().map(this::toDocument).toList();
        try {
            notifications.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            GuardedBulkWrites.rethrowUnlessOnlyDuplicateKeys(e);
        }
    }

    @Override
    public List<Notification> due(Instant now, int limit) {
        List<Notification> result = new ArrayList<>();
        for (Document doc : notifications.find(Filters.and(Filters.eq("status", Notification.Status.PENDING.name()),
                Filters.lte("nextAttemptAt", Date.from(now)))).sort(Sorts.ascending("nextAttemptAt")).limit(limit)) {
            result.add(fromDocument(doc));
        }
        return result;
    }

    @Override
    public boolean claim(String id, Instant dueAt, Instant leaseUntil) {
        return notifications.updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq("status", Notification.Status.PENDING.name()),
                        Filters.eq("nextAttemptAt", Date.from(dueAt))),
                Updates.set("nextAttemptAt", Date.from(leaseUntil))).getModifiedCount() == 1;
    }

    @Override
    public void record(String id, Notification.Attempt attempt, Notification.Status status, Instant nextAttemptAt) {
        notifications.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.push("attempts", new Document("at", Date.from(attempt.at())).append("delivered", attempt.delivered())
                        .append("outcome", attempt.outcome())),
                Updates.set("status", status.name()),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt))));
    }

    @Override
    public List<Notification> forAlert(String alertId) {
        List<Notification> result = new ArrayList<>();
        for (Document doc : notifications.find(Filters.eq("alertId", alertId)).sort(Sorts.ascending("_id"))) {
            result.add(fromDocument(doc));
        }
        return result;
    }

    private Document toDocument(Notification notification) {
        return new Document("_id", notification.id())
                .append("alertId", notification.alertId())
                .append("target", TargetDocuments.toDocument(notification.target()))
                .append("alert", json.toDocument(notification.alert()))
                .append("status", notification.status().name())
                .append("attempts", List.of())
                .append("nextAttemptAt", Date.from(notification.nextAttemptAt()));
    }

    private Notification fromDocument(Document doc) {
        List<Notification.Attempt> attempts = doc.getList("attempts", Document.class, List.of()).stream()
                .map(a -> new Notification.Attempt(a.getDate("at").toInstant(), a.getBoolean("delivered", false),
                        a.getString("outcome")))
                .toList();
        return new Notification(doc.getString("_id"), doc.getString("alertId"),
                TargetDocuments.fromDocument(doc.get("target", Document.class)),
                json.fromDocument(doc.get("alert", Document.class), DetractorAlertRaised.class),
                Notification.Status.valueOf(doc.getString("status")), attempts, doc.getDate("nextAttemptAt").toInstant());
    }
}
