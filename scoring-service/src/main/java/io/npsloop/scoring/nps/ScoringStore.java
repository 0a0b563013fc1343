package io.npsloop.scoring.nps;

import io.npsloop.statistics.NpsTally;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Where scoring keeps its state: responses it counted, customers' last answers and the daily tallies. */
public interface ScoringStore {

    @Nullable ScoredResponse findResponse(String key);

    @Nullable CustomerLastAnswer findCustomer(String customerId);

    /**
     * Applies each delta at most once per input record: a bucket remembers the highest offset it has
     * applied from each partition and ignores anything at or below it.
     */
    void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset);

    void saveResponse(ScoredResponse response);

    /** Records the answer as the customer's latest unless a later answer (by answer time) is already there. */
    void recordCustomerAnswer(CustomerLastAnswer answer);

    /** The current tallies of the buckets, with their versions; a bucket never written has version 0. */
    Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets);

    /** The sum of one segment's daily tallies over the inclusive day range. */
    NpsTally sum(Segment segment, LocalDate from, LocalDate to);

    /** One segment's tally per day over the inclusive range, days without responses omitted. */
    Map<LocalDate, NpsTally> daily(Segment segment, LocalDate from, LocalDate to);
}
