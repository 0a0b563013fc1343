package io.npsloop.scoring.nps.mongo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
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
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.npsloop.scoring.nps.CustomerAnswer;
import io.npsloop.scoring.nps.CustomerHistory;
import io.npsloop.statistics.DayRange;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoreCounts;
import io.npsloop.scoring.nps.ScoredResponse;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.TallyBatch;
import io.npsloop.scoring.nps.TallyChange;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.scoring.nps.VersionedTally;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The scoring state in MongoDB, with explicit document mapping. Every write is a single-document
 * atomic update (the wire-compatible store has no transactions). The tallies of one segment are kept
 * one document per calendar month ({@code _id} = segment key + {@code yyyy-MM}) holding a
 * sub-document per day: its promoters, passives and detractors, its count per score ({@code s0} to
 * {@code s10}, a field once a change touched it) and its version. Each day carries the highest
 * input offset it has applied per partition, which makes re-applying a record to that day a no-op. A month per document keeps the reads behind
 * a 90-day window to at most four documents per segment, and the collection small: the
 * wire-compatible store answers anything but an {@code _id} equality by scanning the collection.
 */
@Component
public class MongoScoringStore implements ScoringStore {

    static final String TALLIES = "monthly_tallies";
    static final String RESPONSES = "scored_responses";
    static final String CUSTOMERS = "customers";

    /** Guards that fail round after round mean another writer is changing the same days without pause: give the batch back. */
    private static final int MAX_ROUNDS = 10;

    private final MongoCollection<Document> tallies;
    private final MongoCollection<Document> responses;
    private final MongoCollection<Document> customers;

    public MongoScoringStore(MongoDatabase database) {
        this.tallies = database.getCollection(TALLIES);
        this.responses = database.getCollection(RESPONSES);
        this.customers = database.getCollection(CUSTOMERS);
    }

    @Override
    public Map<String, ScoredResponse> findResponses(Collection<String> keys) {
        Map<String, ScoredResponse> found = new HashMap<>();
        if (!keys.isEmpty()) {
            responses.find(ids(keys)).forEach(doc -> found.put(doc.getString("_id"), ScoringDocuments.toScoredResponse(doc)));
        }
        return found;
    }

    @Override
    public Map<String, CustomerHistory> findCustomerHistories(Collection<String> customerIds) {
        Map<String, CustomerHistory> found = new HashMap<>();
        if (!customerIds.isEmpty()) {
            customers.find(ids(customerIds)).forEach(doc -> found.put(doc.getString("_id"), ScoringDocuments.toHistory(doc)));
        }
        return found;
    }

    /**
     * The batch's changes in one read of the month documents they fall in and one unordered bulk
     * write: one guarded update per bucket ({@link TallyBatch}), the guard being each partition's
     * applied offset as read. A guard that no longer holds makes its upsert fail with a duplicate
     * key (the month exists, so the upsert tried to insert a second one with its id); so does an
     * upsert that lost the race to create its month to another partition's consumer. Either way
     * nothing of that bucket was applied: its month is read again and what it still needs is
     * written again, until every bucket holds the batch's changes.
     */
    @Override
    public void applyTallies(List<TallyChange> changes) {
        List<TallyChange> remaining = changes;
        for (int round = 0; round < MAX_ROUNDS && !remaining.isEmpty(); round++) {
            Map<String, Document> months = months(remaining.stream().map(TallyChange::bucket).toList());
            List<TallyBatch.Pending> pending = TallyBatch.pending(remaining, (bucket, partition) -> {
                Document month = months.get(ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day())));
                Document day = month == null ? null : ScoringDocuments.day(month, bucket.day());
                Document applied = day == null ? null : day.get("applied", Document.class);
                Object offset = applied == null ? null : applied.get("p" + partition);
                return offset instanceof Number number ? number.longValue() : null;
            });
            if (pending.isEmpty()) {
                return;
            }
            // One update per month document, holding every day of it the batch changed: the store
            // rewrites a whole document per update, so a day per update would rewrite each month
            // once per touched day. All of a month's guards are in its filter: if one no longer
            // holds, nothing of the month is applied, and the whole month is read again.
            Map<String, List<TallyBatch.Pending>> byMonth = new LinkedHashMap<>();
            pending.forEach(write -> byMonth.computeIfAbsent(monthIdOf(write.bucket()), id -> new ArrayList<>()).add(write));
            List<List<TallyBatch.Pending>> monthWrites = new ArrayList<>(byMonth.values());
            List<WriteModel<Document>> updates = new ArrayList<>(monthWrites.size());
            monthWrites.forEach(days -> updates.add(guardedUpdate(days)));
            Set<DayBucket> again = new HashSet<>();
            for (int index : duplicateKeys(updates)) {
                monthWrites.get(index).forEach(write -> again.add(write.bucket()));
            }
            remaining = remaining.stream().filter(change -> again.contains(change.bucket())).toList();
        }
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("Tallies of " + remaining.size() + " changes kept changing under this batch after "
                    + MAX_ROUNDS + " rounds");
        }
    }

    private static String monthIdOf(DayBucket bucket) {
        return ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day()));
    }

    /** One guarded upsert of a month document applying the pending changes of its days. */
    private static WriteModel<Document> guardedUpdate(List<TallyBatch.Pending> days) {
        DayBucket first = days.get(0).bucket();
        List<Bson> guards = new ArrayList<>();
        guards.add(Filters.eq("_id", monthIdOf(first)));
        List<Bson> update = new ArrayList<>(List.of(
                Updates.setOnInsert("dimension", first.segment().dimension()),
                Updates.setOnInsert("segment", first.segment().value()),
                Updates.setOnInsert("month", YearMonth.from(first.day()).toString())));
        for (TallyBatch.Pending write : days) {
            String day = ScoringDocuments.dayPath(write.bucket().day());
            write.offsetsRead().forEach((partition, read) -> {
                String offsetField = day + ".applied.p" + partition;
                guards.add(read == null ? Filters.exists(offsetField, false) : Filters.eq(offsetField, read));
                update.add(Updates.set(offsetField, write.offsetsAfter().get(partition)));
            });
            TallyDelta delta = write.delta();
            update.add(Updates.inc(day + ".promoters", delta.promoters()));
            update.add(Updates.inc(day + ".passives", delta.passives()));
            update.add(Updates.inc(day + ".detractors", delta.detractors()));
            update.add(Updates.inc(day + ".version", 1L));
            // The score counts change in the same guarded update as the categories: applied exactly as often.
            for (int score = 0; score < ScoreCounts.SCORES; score++) {
                long change = delta.scores().count(score);
                if (change != 0) {
                    update.add(Updates.inc(day + "." + ScoringDocuments.scoreField(score), change));
                }
            }
        }
        return new UpdateOneModel<>(Filters.and(guards), Updates.combine(update), new UpdateOptions().upsert(true));
    }

    /** Writes the operations unordered; returns the indexes of those that failed with a duplicate key, throws on any other failure. */
    private List<Integer> duplicateKeys(List<WriteModel<Document>> operations) {
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
            return e.getWriteErrors().stream().map(error -> error.getIndex()).toList();
        }
    }

    /** One unordered bulk write; a revision in the same batch replaces its earlier revision (the last one given wins). */
    @Override
    public void saveResponses(List<ScoredResponse> batch) {
        Map<String, ScoredResponse> latest = new LinkedHashMap<>();
        batch.forEach(response -> latest.put(response.key(), response));
        if (latest.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(latest.size());
        latest.values().forEach(response -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", response.key()),
                ScoringDocuments.toDocument(response), new ReplaceOptions().upsert(true))));
        responses.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /**
     * One field per response under {@code answers}, named by a hash of the response key (field names
     * cannot hold every character a key can): setting it is idempotent, and a revision overwrites
     * the answer it revises instead of adding a second one. One update per customer, all in one
     * unordered bulk write.
     */
    @Override
    public void recordCustomerAnswers(List<CustomerAnswer> answers) {
        Map<String, Map<String, CustomerAnswer>> byCustomer = new LinkedHashMap<>();
        answers.forEach(answer -> byCustomer.computeIfAbsent(answer.customerId(), id -> new LinkedHashMap<>())
                .put(ScoringDocuments.answerField(answer.responseKey()), answer));
        if (byCustomer.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(byCustomer.size());
        byCustomer.forEach((customerId, fields) -> {
            List<Bson> sets = new ArrayList<>(fields.size());
            fields.forEach((field, answer) -> sets.add(Updates.set("answers." + field, ScoringDocuments.toDocument(answer))));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", customerId), Updates.combine(sets), new UpdateOptions().upsert(true)));
        });
        customers.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    private static Bson ids(Collection<String> ids) {
        return ids.size() == 1 ? Filters.eq("_id", ids.iterator().next()) : Filters.in("_id", new ArrayList<>(ids));
    }

    private Map<String, Document> months(List<DayBucket> buckets) {
        Set<String> monthIds = new LinkedHashSet<>();
        buckets.forEach(bucket -> monthIds.add(ScoringDocuments.monthId(bucket.segment(), YearMonth.from(bucket.day()))));
        Map<String, Document> months = new HashMap<>();
        if (!monthIds.isEmpty()) {
            tallies.find(ids(monthIds)).forEach(doc -> months.put(doc.getString("_id"), doc));
        }
        return months;
    }

    /** One read of the month documents the buckets fall in. */
    @Override
    public Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets) {
        Map<String, Document> months = months(buckets);
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
