package io.npsloop.scoring.nps;

import java.util.Collection;

import io.npsloop.statistics.NpsTally;

/**
 * A tally, its count per score and how many changes made it, so readers can keep the newest of
 * out-of-order copies. The sum of several daily tallies carries the sum of their versions: each
 * day's version only grows, so the sum over a fixed set of days only grows too. The score counts
 * are whole only where {@link ScoreCounts#ifComplete} says so (days written before they were kept
 * lack some).
 */
public record VersionedTally(NpsTally tally, long version, ScoreCounts scores) {

    public static final VersionedTally EMPTY = new VersionedTally(NpsTally.EMPTY, 0, ScoreCounts.NONE);

    /** A tally without score counts. */
    public VersionedTally(NpsTally tally, long version) {
        this(tally, version, ScoreCounts.NONE);
    }

    public VersionedTally plus(VersionedTally other) {
        return new VersionedTally(tally.plus(other.tally), version + other.version, scores.plus(other.scores));
    }

    public static VersionedTally sum(Collection<VersionedTally> tallies) {
        VersionedTally sum = EMPTY;
        for (VersionedTally tally : tallies) {
            sum = sum.plus(tally);
        }
        return sum;
    }
}
