package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How many answers gave each score from 0 to 10, or, as part of a {@link TallyDelta}, the signed
 * change to those counts: a revision takes one from the old score and adds one at the new.
 */
public final class ScoreCounts {

    /** Scores 0 to 10. */
    public static final int SCORES = 11;

    public static final ScoreCounts NONE = new ScoreCounts(new long[SCORES]);

    private final long[] counts;

    private ScoreCounts(long[] counts) {
        this.counts = counts;
    }

    /** The counts in score order; there must be one per score. */
    public static ScoreCounts of(long... counts) {
        if (counts.length != SCORES) {
            throw new IllegalArgumentException("One count per score 0 to 10, got " + counts.length);
        }
        return new ScoreCounts(counts.clone());
    }

    public long count(int score) {
        return counts[score];
    }

    public ScoreCounts plus(int score, long count) {
        long[] sum = counts.clone();
        sum[score] += count;
        return new ScoreCounts(sum);
    }

    public ScoreCounts plus(ScoreCounts other) {
        long[] sum = counts.clone();
        for (int score = 0; score < SCORES; score++) {
            sum[score] += other.counts[score];
        }
        return new ScoreCounts(sum);
    }

    public boolean isZero() {
        for (long count : counts) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /**
     * The counts, if they are the whole of a tally of {@code n} answers, otherwise null. A day that
     * counted answers before scores were counted per day holds fewer score counts than answers (and
     * after a revision of such an answer, maybe a negative one), for good: its counts are unknown.
     */
    public @Nullable List<Long> ifComplete(long n) {
        if (total() != n) {
            return null;
        }
        List<Long> list = new ArrayList<>(SCORES);
        for (long count : counts) {
            if (count < 0) {
                return null;
            }
            list.add(count);
        }
        return List.copyOf(list);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScoreCounts that && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return Arrays.toString(counts);
    }
}
