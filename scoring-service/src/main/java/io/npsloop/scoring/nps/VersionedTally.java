package io.npsloop.scoring.nps;

import java.util.Collection;

import io.npsloop.statistics.NpsTally;

/**
 * A tally and how many changes made it, so readers can keep the newest of out-of-order copies. The
 * sum of several daily tallies carries the sum of their versions: each day's version only grows, so
 * the sum over a fixed set of days only grows too.
 */
public record VersionedTally(NpsTally tally, long version) {

    public static final VersionedTally EMPTY = new VersionedTally(NpsTally.EMPTY, 0);

    public VersionedTally plus(VersionedTally other) {
        return new VersionedTally(tally.plus(other.tally), version + other.version);
    }

    public static VersionedTally sum(Collection<VersionedTally> tallies) {
        VersionedTally sum = EMPTY;
        for (VersionedTally tally : tallies) {
            sum = sum.plus(tally);
        }
        return sum;
    }
}
