package io.npsloop.scoring.nps;

/**
 * One input record's change to one bucket. It is applied at most once: a bucket remembers, per
 * partition, the highest offset whose change it holds, and a change at or below it is already in.
 */
public record TallyChange(DayBucket bucket, int partition, long offset, TallyDelta delta) {
}
