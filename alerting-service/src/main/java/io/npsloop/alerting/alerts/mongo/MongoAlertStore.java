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
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Alerts in MongoDB, one document per alert id: the alert as published, and whether it was. */
@Component
class MongoAlertStore implements AlertStore {

    static final String ALERTS = "alerts";

    private final MongoCollection<Document> alerts;
    private final JsonDocuments json;

    MongoAlertStore(MongoDatabase database, JsonDocuments json) {
        this.alerts = database.getCollection(ALERTS);
        this.json = json;
    }

    @Override
    public StoredAlert insertIfAbsent(DetractorAlertRaised alert) {
        Document doc = new Document("_id", alert.alertId())
                .append("published", false)
                .append("raisedAt", Date.from(alert.raisedAt()))
                .append("alert", json.toDocument(alert));
        try {
            alerts.insertOne(doc);
            return new StoredAlert(alert, false);
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
    public List<DetractorAlertRaised> recent(int limit) {
        List<DetractorAlertRaised> result = new ArrayList<>();
        for (Document doc : alerts.find().sort(Sorts.descending("raisedAt")).limit(limit)) {
            result.add(toStored(doc).alert());
        }
        return result;
    }

    private StoredAlert toStored(Document doc) {
        return new StoredAlert(json.fromDocument(doc.get("alert", Document.class), DetractorAlertRaised.class),
                doc.getBoolean("published", false));
    }
}
