package io.npsloop.reporting.projections.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.ReportingProperties;
import io.npsloop.reporting.projections.AlertFact;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Segments;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** One document per alert id; of the alert's attributes only the configured dimensions are kept. */
@Component
class MongoAlerts implements Alerts {

    static final String ALERTS = "alerts";

    private final MongoCollection<Document> alerts;
    private final Set<String> dimensions;

    MongoAlerts(MongoDatabase database, ReportingProperties properties) {
        this.alerts = database.getCollection(ALERTS);
        this.dimensions = Set.copyOf(properties.dimensions());
    }

    /** One unordered insert of the batch's alerts; an alert kept already is a duplicate key and changes nothing. */
    @Override
    public void saveAlerts(List<DetractorAlertRaised> raised) {
        Map<String, Document> docs = new LinkedHashMap<>();
        for (DetractorAlertRaised a : raised) {
            docs.putIfAbsent(a.alertId(), new Document("_id", a.alertId())
                    .append("responseId", a.responseId())
                    .append("queue", a.ownerQueue())
                    .append("occurredAt", Date.from(a.occurredAt()))
                    .append("segments", MongoValues.strings(Segments.of(a.attributes(), a.channel(), a.touchpoint(), dimensions))));
        }
        GuardedBulkWrites.insertUnlessKept(alerts, new ArrayList<>(docs.values()));
    }

    @Override
    public List<AlertFact> alerts() {
        List<AlertFact> list = new ArrayList<>();
        for (Document d : alerts.find()) {
            list.add(new AlertFact(d.getString("_id"), d.getString("responseId"), d.getString("queue"),
                    d.getDate("occurredAt").toInstant(), MongoValues.strings(d.get("segments", Document.class))));
        }
        return list;
    }
}
