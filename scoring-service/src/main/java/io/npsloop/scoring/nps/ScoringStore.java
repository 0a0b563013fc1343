package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import io.npsloop.statistics.DayRange;

/**
 * Where scoring keeps its state: responses it counted, customers' answers and the daily tallies.
 * Every method takes or answers a whole batch, so a batch costs a fixed number of round trips.
 */
public interface ScoringStore {

    /** The stored responses among the keys; keys never scored are absent. */
    Map<String, ScoredResponse> findResponses(Collection<String> keys);

    /** The histories of the customers; a customer never scored is absent. */
    Map<String, CustomerHistory> findCustomerHistories(Collection<String> customerIds);

    /**
     * Applies each change at most once: a bucket remembers the highest offset it has applied from
     * each partition and ignores any change at or below it ({@link TallyBatch}). Records of one
     * partition are applied in offset order (one consumer per partition at a time), so "at or below
     * the highest" means "already applied".
     */
    void applyTallies(List<TallyChange> changes);

    /** One record's changes: {@link #applyTallies} with the same partition and offset for each. */
    default void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset) {
        List<TallyChange> changes = new ArrayList<>(deltas.size());
        deltas.forEach((bucket, delta) -> changes.add(new TallyChange(bucket, partition, offset, delta)));
        applyTallies(changes);
    }

    /** Stores the responses, each replacing what was stored under its key. */
    void saveResponses(List<ScoredResponse> responses);

    /** Puts the answers into their customers' histories, each replacing the earlier revision of the same response. */
    void recordCustomerAnswers(List<CustomerAnswer> answers);

    /** The current tallies of the buckets, with their versions; a bucket never written has version 0. */
    Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets);

    /** One segment's tally per day over the inclusive range, days never written omitted, in day order. */
    NavigableMap<LocalDate, VersionedTally> daily(Segment segment, DayRange range);
}
