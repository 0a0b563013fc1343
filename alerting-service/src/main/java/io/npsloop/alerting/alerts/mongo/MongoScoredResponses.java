package io.npsloop.alerting.alerts.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.mongo.JsonDocuments;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The dry-run projection: one document per response (source and id), the event in its wire form
 * and its answer time. Eviction is a scheduled delete, because TTL indexes do not expire anything
 * on the wire-compatible store.
 */
@Component
class MongoScoredResponses implements ScoredResponses {

    static final String SCORED_RESPONSES = "scored_responses";

    private final MongoCollection<Document> responses;
    private final JsonDocuments json;

    MongoScoredResponses(MongoDatabase database, JsonDocuments json) {
        this.responses = database.getCollection(SCORED_RESPONSES);
        this.json = json;
    }

    /** One unordered bulk of upserting replacements, one per response id (the batch's last copy of each). */
    @Override
    public void recordAll(List<ResponseScored> batch) {
        Map<String, ResponseScored> latest = new LinkedHashMap<>();
        batch.forEach(response -> latest.put(response.source() + "|" + response.responseId(), response));
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(latest.size());
        latest.forEach((id, response) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id),
                new Document("_id", id).append("respondedAt", Date.from(response.occurredAt()))
                        .append("response", json.toDocument(response)),
                new ReplaceOptions().upsert(true))));
        if (!writes.isEmpty()) {
            responses.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    @Override
    public List<ResponseScored> answeredSince(Instant from) {
        List<ResponseScored> result = new ArrayList<>();
        for (Document doc : responses.find(Filters.gte("respondedAt", Date.from(from)))
                .sort(Sorts.orderBy(Sorts.ascending("respondedAt"), Sorts.ascending("_id")))) {
            result.add(json.fromDocument(doc.get("response", Document.class), ResponseScored.class));
        }
        return result;
    }

    @Override
    public long evictAnsweredBefore(Instant cutoff) {
        return responses.deleteMany(Filters.lt("respondedAt", Date.from(cutoff))).getDeletedCount();
    }
}
