package io.npsloop.reporting.projections.mongo;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.platform.mongo.GuardedBulkWrites;
import io.npsloop.reporting.projections.Outcome;
import io.npsloop.reporting.projections.Outcomes;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One document per outcome, {@code _id} = {@code source|outcomeId}. A batch is one unordered insert; an
 * outcome kept already is a duplicate key and changes nothing. Of the event, the customer and account
 * ids (to join the customer's answers), the kind, time, value and reason code are kept; the sender's
 * attributes are not.
 */
@Component
class MongoOutcomes implements Outcomes {

    static final String OUTCOMES = "outcomes";

    private final MongoCollection<Document> outcomes;

    MongoOutcomes(MongoDatabase database) {
        this.outcomes = database.getCollection(OUTCOMES);
    }

    static String outcomeKey(String source, String outcomeId) {
        return source + "|" + outcomeId;
    }

    @Override
    public void saveOutcomes(List<CustomerOutcomeRecorded> recorded) {
        Map<String, Document> docs = new LinkedHashMap<>();
        for (CustomerOutcomeRecorded o : recorded) {
            String key = outcomeKey(o.source(), o.outcomeId());
            docs.putIfAbsent(key, new Document("_id", key)
                    .append("customerId", o.customerId())
                    .append("accountId", o.accountId())
                    .append("occurredAt", Date.from(o.occurredAt()))
                    .append("kind", o.outcome().name())
                    .append("value", MongoValues.money(o.value()))
                    .append("reasonCode", o.reasonCode()));
        }
        GuardedBulkWrites.insertUnlessKept(outcomes, new ArrayList<>(docs.values()));
    }

    @Override
    public boolean any() {
        return outcomes.find().limit(1).first() != null;
    }

    @Override
    public List<Outcome> outcomes() {
        List<Outcome> list = new ArrayList<>();
        for (Document d : outcomes.find()) {
            list.add(new Outcome(d.getString("_id"), d.getString("customerId"), d.getString("accountId"),
                    d.getDate("occurredAt").toInstant(), OutcomeKind.valueOf(d.getString("kind")),
                    MongoValues.money(d.get("value", Document.class)), d.getString("reasonCode")));
        }
        return list;
    }
}
