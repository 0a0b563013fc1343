package io.npsloop.followup.incentives.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.npsloop.followup.incentives.AssignmentNumbers;
import io.npsloop.platform.mongo.MongoErrors;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Assignment numbers from an atomic per-experiment counter, fixed per case by a document keyed by
 * experiment and case. Two racing requests for the same case may burn one number (a gap), which
 * shifts later blocks but never gives one case two arms.
 */
@Component
class MongoAssignmentNumbers implements AssignmentNumbers {

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> assignments;

    MongoAssignmentNumbers(MongoDatabase database) {
        this.counters = database.getCollection("experiment_counters");
        this.assignments = database.getCollection("experiment_assignments");
    }

    @Override
    public long numberFor(String experimentId, String caseId) {
        String key = experimentId + "|" + caseId;
        Document existing = assignments.find(Filters.eq("_id", key)).first();
        if (existing != null) {
            return ((Number) existing.get("number")).longValue();
        }
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", experimentId), Updates.inc("next", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long number = ((Number) counter.get("next")).longValue() - 1;
        try {
            assignments.insertOne(new Document("_id", key).append("number", number));
            return number;
        } catch (MongoException e) {
            if (!MongoErrors.isDuplicateKey(e)) {
                throw e;
            }
            Document winner = assignments.find(Filters.eq("_id", key)).first();
            return ((Number) winner.get("number")).longValue();
        }
    }
}
