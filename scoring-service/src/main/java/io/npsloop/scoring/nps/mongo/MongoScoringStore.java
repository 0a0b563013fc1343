package io.npsloop.scoring.nps.mongo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.npsloop.scoring.nps.CustomerAnswer;
import io.npsloop.scoring.nps.CustomerHistory;
import io.npsloop.scoring.nps.DayRange;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.scoring.nps.VersionedTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The scoring state in MongoDB, with explicit document mapping. Every write is a single-document
 * atomic update (the wire-compatible store has no transactions). The tallies of one segment are kept
 * one document per calendar month ({@code _id} = segment key + {@code yyyy-MM}) holding a
 * sub-document per day; each day carries the highest input offset it has applied per partition,
 * which makes re-applying a record to that day a no-op. A month per document keeps the reads behind
 * a 90-day window to at most four documents per segment, and the collection small: the
 * wire-compatible store answers anything but an {@code _id} equality by scanning the collection.
 */
@Component
public class MongoScoringStore implements ScoringStore {

    static final String TALLIES = "monthly_tallies";
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

    /**
     * All buckets of one record in one unordered bulk write: one round trip instead of one per
     * bucket. Each operation is still a single-document update guarded by the partition's offset
     * of its day, so each day applies the record at most once, exactly as with separate updates.
     * <p>
     * A guarded upsert can fail with a duplicate key for two reasons. Either the month exists and
     * its day has applied this offset already (the guard did not match, so the upsert tried to
     * insert a second month with that id), or another writer (another partition's consumer)
     * created the month between this update's match and its insert, and nothing was applied. The
     * operations that failed so are tried once more: the month exists by then (the duplicate key
     * proves it, and months are never deleted), so the second try either applies the delta or
     * fails its guard, and only then does a duplicate key mean "already applied".
     */
    @Override
    public void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset) {
        if (deltas.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> updates = new ArrayList<>(deltas.size());
        for (Map.Entry<DayBucket, TallyDelta> entry : deltas.entrySet()) {
            DayBucket bucket = entry.getKey();
            TallyDelta delta = entry.getValue();
            String day = ScoringDocuments.dayPath(bucket.day());
            String offsetField = day + ".applied.p" + partition;
            Bson notYetApplied = Filters.and(Filters.eq("_id", ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day()))),
                    Filters.or(Filters.lt(offsetField, offset), Filters.exists(offsetField, false)));
            Bson update = Updates.combine(
                    Updates.inc(day + ".promoters", delta.promoters()),
                    Updates.inc(day + ".passives", delta.passives()),
                    Updates.inc(day + ".detractors", delta.detractors()),
                    Updates.inc(day + ".version", 1L),
                    Updates.set(offsetField, offset),
                    Updates.setOnInsert("dimension", bucket.segment().dimension()),
                    Updates.setOnInsert("segment", bucket.segment().value()),
                    Updates.setOnInsert("month", YearMonth.from(bucket.day()).toString()));
            updates.add(new UpdateOneModel<>(notYetApplied, update, new UpdateOptions().upsert(true)));
        }
        List<WriteModel<Document>> duplicateKeys = writeAll(updates);
        if (!duplicateKeys.isEmpty()) {
            writeAll(duplicateKeys);
        }
    }

    /** Writes the operations unordered; returns those that failed with a duplicate key, throws on any other failure. */
    private List<WriteModel<Document>> writeAll(List<WriteModel<Document>> operations) {
        try {
            tallies.bulkWrite(operations, new BulkWriteOptions().ordered(false));
            return List.of();
        } catch (MongoBulkWriteException e) {
            // Unordered: every other operation was attempted, and is guarded if it is tried again.
            boolean onlyDuplicateKeys = e.getWriteConcernError() == null
                    && e.getWriteErrors().stream().allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicateKeys) {
                throw e;
            }
            return e.getWriteErrors().stream().map(error -> operations.get(error.getIndex())).toList();
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

    /** One read of the month documents the buckets fall in. */
    @Override
    public Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets) {
        Set<String> monthIds = new LinkedHashSet<>();
        buckets.forEach(bucket -> monthIds.add(ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day()))));
        Map<String, Document> months = new HashMap<>();
        if (!monthIds.isEmpty()) {
            Bson ids = monthIds.size() == 1 ? Filters.eq("_id", monthIds.iterator().next()) : Filters.in("_id", new ArrayList<>(monthIds));
            tallies.find(ids).forEach(doc -> months.put(doc.getString("_id"), doc));
        }
        Map<DayBucket, VersionedTally> result = new LinkedHashMap<>();
        for (DayBucket bucket : buckets) {
            Document month = months.get(ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day())));
            Document day = month == null ? null : ScoringDocuments.day(month, bucket.day());
            result.put(bucket, day == null ? VersionedTally.EMPTY : ScoringDocuments.toVersionedTally(day));
        }
        return result;
    }

    @Override
    public NavigableMap<LocalDate, VersionedTally> daily(Segment segment, DayRange range) {
        // A range on _id, the one index the store always honours: ids sort by segment, then month.
        Bson ids = Filters.and(Filters.gte("_id", ScoringDocuments.monthId(segment, YearMonth.from(range.from()))),
                Filters.lte("_id", ScoringDocuments.monthId(segment, YearMonth.from(range.to()))));
        NavigableMap<LocalDate, VersionedTally> result = new TreeMap<>();
        for (Document month : tallies.find(ids)) {
            ScoringDocuments.days(month).forEach((day, tally) -> {
                if (range.contains(day)) {
                    result.put(day, tally);
                }
            });
        }
        return result;
    }
}
