package io.npsloop.alerting.rules.mongo;

import java.util.Date;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.result.UpdateResult;
import io.npsloop.alerting.rules.ChurnRiskStore;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.platform.mongo.JsonDocuments;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The latest churn model in {@code churn_risk}: one document ({@code _id} the event's key) with its
 * {@code occurredAt} and the event in its JSON form. A replacement is guarded by the time it
 * replaces, so an older record never overwrites a newer one.
 */
@Component
class MongoChurnRiskStore implements ChurnRiskStore {

    static final String COLLECTION = "churn_risk";

    private final MongoCollection<Document> models;
    private final JsonDocuments json;

    MongoChurnRiskStore(MongoDatabase database, JsonDocuments json) {
        this.models = database.getCollection(COLLECTION);
        this.json = json;
    }

    @Override
    public @Nullable ChurnRiskUpdated latest() {
        Document doc = models.find(Filters.eq("_id", ChurnRiskUpdated.KEY)).first();
        return doc == null ? null : json.fromDocument(doc.get("event", Document.class), ChurnRiskUpdated.class);
    }

    @Override
    public boolean keepIfNewer(ChurnRiskUpdated update) {
        Date at = Date.from(update.occurredAt());
        Document replacement = new Document("_id", ChurnRiskUpdated.KEY).append("occurredAt", at)
                .append("event", json.toDocument(update));
        try {
            // Matches only an older model; with none kept the upsert inserts, with a newer one kept it
            // collides on the _id and keeps that one.
            UpdateResult result = models.replaceOne(Filters.and(Filters.eq("_id", ChurnRiskUpdated.KEY), Filters.lt("occurredAt", at)),
                    replacement, new ReplaceOptions().upsert(true));
            return result.getMatchedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
