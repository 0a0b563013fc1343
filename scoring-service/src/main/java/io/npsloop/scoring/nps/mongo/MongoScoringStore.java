package io.npsloop.scoring.nps.mongo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.npsloop.platform.mongo.MongoErrors;
import io.npsloop.scoring.nps.CustomerAnswer;
import io.npsloop.scoring.nps.CustomerHistory;
import io.npsloop.scoring.nps.DayRange;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.scoring.nps.VersionedTally;
import io.npsloop.statistics.NpsTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The scoring state in MongoDB, with explicit document mapping. Every write is a single-document
 * atomic update (the wire-compatible store has no transactions), and every tally document carries
 * the highest input offset it has applied per partition, which makes re-applying a record a no-op.
 */
@Component
public class MongoScoringStore implements ScoringStore {

    static final String TALLIES = "daily_tallies";
    static final String RESPONSES = "scored_responses";
    static final String CUSTOMERS = "customers";

    private final MongoCollection<Document> tallies;
    private final MongoCollection<Document> responses;
    private final MongoCollection<Document> customers;

    public MongoScoringStore(MongoDatabase database) {
        this.tallies = database.getCollection(TALLIES);
        this.responses = database.getCollection(RESPONSES);
        this.customers = database.getCollection(CUSTOMERS);
    }

    @Override
    public @Nullable ScoredResponse findResponse(String key) {
        Document doc = responses.find(Filters.eq("_id", key)).first();
        return doc == null ? null : ScoringDocuments.toScoredResponse(doc);
    }

    @Override
    public CustomerHistory findCustomerHistory(String customerId) {
        Document doc = customers.find(Filters.eq("_id", customerId)).first();
        return doc == null ? CustomerHistory.EMPTY : ScoringDocuments.toHistory(doc);
    }

    @Override
    public void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset) {
        String offsetField = "applied.p" + partition;
        for (Map.Entry<DayBucket, TallyDelta> entry : deltas.entrySet()) {
            DayBucket bucket = entry.getKey();
            TallyDelta delta = entry.getValue();
            Bson notYetApplied = Filters.and(Filters.eq("_id", bucket.id()),
                    Filters.or(Filters.lt(offsetField, offset), Filters.exists(offsetField, false)));
            Bson update = Updates.combine(
                    Updates.inc("promoters", delta.promoters()),
                    Updates.inc("passives", delta.passives()),
                    Updates.inc("detractors", delta.detractors()),
                    Updates.inc("version", 1L),
                    Updates.set(offsetField, offset),
                    Updates.setOnInsert("dimension", bucket.segment().dimension()),
                    Updates.setOnInsert("segment", bucket.segment().value()),
                    Updates.setOnInsert("day", bucket.day().toString()));
            try {
                tallies.updateOne(notYetApplied, update, new UpdateOptions().upsert(true));
            } catch (MongoException e) {
                // The bucket exists and has already applied this offset: the upsert's insert collides.
                if (!MongoErrors.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void saveResponse(ScoredResponse response) {
        responses.replaceOne(Filters.eq("_id", response.key()), ScoringDocuments.toDocument(response),
                new ReplaceOptions().upsert(true));
    }

    /**
     * One field per response under {@code answers}, named by a hash of the response key (field names
     * cannot hold every character a key can): setting it is idempotent, and a revision overwrites
     * the answer it revises instead of adding a second one.
     */
    @Override
    public void recordCustomerAnswer(CustomerAnswer answer) {
        customers.updateOne(Filters.eq("_id", answer.customerId()),
                Updates.set("answers." + ScoringDocuments.answerField(answer.responseKey()), ScoringDocuments.toDocument(answer)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets) {
        Map<String, DayBucket> byId = new LinkedHashMap<>();
        buckets.forEach(bucket -> byId.put(bucket.id(), bucket));
        Map<DayBucket, VersionedTally> result = new LinkedHashMap<>();
        buckets.forEach(bucket -> result.put(bucket, new VersionedTally(NpsTally.EMPTY, 0)));
        for (Document doc : tallies.find(Filters.in("_id", new ArrayList<>(byId.keySet())))) {
            result.put(byId.get(doc.getString("_id")), new VersionedTally(ScoringDocuments.toTally(doc), ScoringDocuments.version(doc)));
        }
        return result;
    }

    @Override
    public NavigableMap<LocalDate, VersionedTally> daily(Segment segment, DayRange range) {
        // A range on _id, the one index the store always honours: ids sort by segment, then ISO day.
        Bson ids = Filters.and(Filters.gte("_id", DayBucket.id(segment, range.from())),
                Filters.lte("_id", DayBucket.id(segment, range.to())));
        NavigableMap<LocalDate, VersionedTally> result = new TreeMap<>();
        for (Document doc : tallies.find(ids)) {
            result.put(LocalDate.parse(doc.getString("day")),
                    new VersionedTally(ScoringDocuments.toTally(doc), ScoringDocuments.version(doc)));
        }
        return result;
    }
}
