package io.npsloop.scoring.nps;

import io.npsloop.statistics.NpsTally;

/** A bucket's tally and how many changes made it, so readers can keep the newest of out-of-order copies. */
public record VersionedTally(NpsTally tally, long version) {
}
