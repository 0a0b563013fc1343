package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.npsloop.statistics.DayRange;
import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;

/** The scoring store's contract in memory, offset guard included, for fast tests of the domain. */
class InMemoryScoringStore implements ScoringStore, SegmentValues {

    private final Map<String, ScoredResponse> responses = new HashMap<>();
    private final Map<String, Map<String, CustomerAnswer>> customers = new HashMap<>();
    private final Map<DayBucket, Tally> tallies = new HashMap<>();
    private final Map<String, List<String>> values = new HashMap<>();

    /** Makes the next {@link #saveResponses} fail, as a process dying after the tallies changed. */
    boolean dieBeforeNextSave;

    /** Makes the next {@link #applyTallies} write only the first half of its buckets, then fail, as a process dying mid-write. */
    boolean dieMidTallies;

    private static final class Tally {
        long promoters;
        long passives;
        long detractors;
        ScoreCounts scores = ScoreCounts.NONE;
        long version;
        final Map<Integer, Long> applied = new HashMap<>();
    }

    @Override
    public Map<String, ScoredResponse> findResponses(Collection<String> keys) {
        Map<String, ScoredResponse> found = new HashMap<>();
        keys.forEach(key -> {
            if (responses.containsKey(key)) {
                found.put(key, responses.get(key));
            }
        });
        return found;
    }

    @Override
    public Map<String, CustomerHistory> findCustomerHistories(Collection<String> customerIds) {
        Map<String, CustomerHistory> found = new HashMap<>();
        customerIds.forEach(id -> {
            if (customers.containsKey(id)) {
                found.put(id, new CustomerHistory(List.copyOf(customers.get(id).values())));
            }
        });
        return found;
    }

    @Override
    public void applyTallies(List<TallyChange> changes) {
        List<TallyBatch.Pending> pending = TallyBatch.pending(changes, (bucket, partition) -> {
            Tally tally = tallies.get(bucket);
            return tally == null ? null : tally.applied.get(partition);
        });
        int writes = dieMidTallies ? pending.size() / 2 : pending.size();
        for (TallyBatch.Pending write : pending.subList(0, writes)) {
            Tally tally = tallies.computeIfAbsent(write.bucket(), key -> new Tally());
            write.offsetsRead().forEach((partition, read) -> {
                if (!java.util.Objects.equals(tally.applied.get(partition), read)) {
                    throw new IllegalStateException("The guard of " + write.bucket() + " no longer holds");
                }
            });
            tally.promoters += write.delta().promoters();
            tally.passives += write.delta().passives();
            tally.detractors += write.delta().detractors();
            tally.scores = tally.scores.plus(write.delta().scores());
            tally.version++;
            tally.applied.putAll(write.offsetsAfter());
        }
        if (dieMidTallies) {
            dieMidTallies = false;
            throw new IllegalStateException("Simulated crash in the middle of the tally writes");
        }
    }

    @Override
    public void saveResponses(List<ScoredResponse> batch) {
        if (dieBeforeNextSave) {
            dieBeforeNextSave = false;
            throw new IllegalStateException("Simulated crash between the tally updates and saving the responses");
        }
        batch.forEach(response -> responses.put(response.key(), response));
    }

    @Override
    public void recordCustomerAnswers(List<CustomerAnswer> answers) {
        answers.forEach(answer -> customers.computeIfAbsent(answer.customerId(), key -> new LinkedHashMap<>())
                .put(answer.responseKey(), answer));
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

    /** Every bucket's count per score, for comparing with an independent count. */
    Map<DayBucket, ScoreCounts> allScoreCounts() {
        Map<DayBucket, ScoreCounts> result = new HashMap<>();
        tallies.forEach((bucket, tally) -> {
            if (!tally.scores.isZero()) {
                result.put(bucket, tally.scores);
            }
        });
        return result;
    }

    /** A day as written before score counts were kept: its answers counted by category only. */
    void seedWithoutScores(DayBucket bucket, NpsTally counts) {
        Tally tally = tallies.computeIfAbsent(bucket, key -> new Tally());
        tally.promoters += counts.promoters();
        tally.passives += counts.passives();
        tally.detractors += counts.detractors();
        tally.version++;
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
                : new VersionedTally(new NpsTally(tally.promoters, tally.passives, tally.detractors), tally.version, tally.scores);
    }
}
