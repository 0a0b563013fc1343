package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;

/** The scoring store's contract in memory, offset guard included, for fast tests of the domain. */
class InMemoryScoringStore implements ScoringStore, SegmentValues {

    private final Map<String, ScoredResponse> responses = new HashMap<>();
    private final Map<String, Map<String, CustomerAnswer>> customers = new HashMap<>();
    private final Map<DayBucket, Tally> tallies = new HashMap<>();
    private final Map<String, List<String>> values = new HashMap<>();

    /** Makes the next {@link #saveResponse} fail, as a process dying after the tallies changed. */
    boolean dieBeforeNextSave;

    private static final class Tally {
        long promoters;
        long passives;
        long detractors;
        long version;
        final Map<Integer, Long> applied = new HashMap<>();
    }

    @Override
    public @Nullable ScoredResponse findResponse(String key) {
        return responses.get(key);
    }

    @Override
    public CustomerHistory findCustomerHistory(String customerId) {
        return new CustomerHistory(List.copyOf(customers.getOrDefault(customerId, Map.of()).values()));
    }

    @Override
    public void applyDeltas(Map<DayBucket, TallyDelta> deltas, int partition, long offset) {
        deltas.forEach((bucket, delta) -> {
            Tally tally = tallies.computeIfAbsent(bucket, key -> new Tally());
            Long applied = tally.applied.get(partition);
            if (applied != null && applied >= offset) {
                return;
            }
            tally.promoters += delta.promoters();
            tally.passives += delta.passives();
            tally.detractors += delta.detractors();
            tally.version++;
            tally.applied.put(partition, offset);
        });
    }

    @Override
    public void saveResponse(ScoredResponse response) {
        if (dieBeforeNextSave) {
            dieBeforeNextSave = false;
            throw new IllegalStateException("Simulated crash between the tally updates and saving the response");
        }
        responses.put(response.key(), response);
    }

    @Override
    public void recordCustomerAnswer(CustomerAnswer answer) {
        customers.computeIfAbsent(answer.customerId(), key -> new LinkedHashMap<>()).put(answer.responseKey(), answer);
    }

    @Override
    public Map<DayBucket, VersionedTally> tallies(List<DayBucket> buckets) {
        Map<DayBucket, VersionedTally> result = new LinkedHashMap<>();
        buckets.forEach(bucket -> result.put(bucket, versioned(tallies.get(bucket))));
        return result;
    }

    @Override
    public NavigableMap<LocalDate, VersionedTally> daily(Segment segment, DayRange range) {
        NavigableMap<LocalDate, VersionedTally> result = new TreeMap<>();
        tallies.forEach((bucket, tally) -> {
            if (bucket.segment().equals(segment) && range.contains(bucket.day())) {
                result.put(bucket.day(), versioned(tally));
            }
        });
        return result;
    }

    /** Every bucket's counts, for comparing with an independent count. */
    Map<DayBucket, NpsTally> allTallies() {
        Map<DayBucket, NpsTally> result = new HashMap<>();
        tallies.forEach((bucket, tally) -> {
            NpsTally counts = versioned(tally).tally();
            if (counts.n() > 0) {
                result.put(bucket, counts);
            }
        });
        return result;
    }

    @Override
    public boolean admit(String dimension, String value, int cap) {
        List<String> admitted = values.computeIfAbsent(dimension, key -> new ArrayList<>());
        if (admitted.contains(value)) {
            return true;
        }
        if (admitted.size() >= cap) {
            return false;
        }
        admitted.add(value);
        return true;
    }

    @Override
    public List<String> admitted(String dimension) {
        return List.copyOf(values.getOrDefault(dimension, List.of()));
    }

    private static VersionedTally versioned(@Nullable Tally tally) {
        return tally == null ? VersionedTally.EMPTY
                : new VersionedTally(new NpsTally(tally.promoters, tally.passives, tally.detractors), tally.version);
    }
}
