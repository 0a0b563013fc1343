package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

import org.jspecify.annotations.Nullable;

/** Where scoring keeps its state: responses it counted, customers' answers and the daily tallies. */
public interface ScoringStore {

    @Nullable ScoredResponse findResponse(String key);

    CustomerHistory findCustomerHistory(String customerId);

    /**
     * Applies each delta at most once per input record: a bucket remembers the highest offset it has
     * applied from each partition and ignores anything at or below it. Records of one partition are
     * applied in offset order (one consumer thread per partition), so "at or below the highest"
     * means "already applied".
     */
    void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset);

    void saveResponse(ScoredResponse response);

    /** Puts the answer into the customer's history, replacing the earlier revision of the same response. */
    void recordCustomerAnswer(CustomerAnswer answer);

    /** The current tallies of the buckets, with their versions; a bucket never written has version 0. */
    Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets);

    /** One segment's tally per day over the inclusive range, days never written omitted, in day order. */
    NavigableMap<LocalDate, VersionedTally> daily(Segment segment, DayRange range);
}
