package io.npsloop.ingest.apikeys;

import java.time.Duration;

/** A key's rate: a token bucket of {@code permits} requests, refilled at the end of every {@code period}. */
public record RateLimit(int permits, Duration period) {

    /**
     * The periods an admin may give a key. The limiter counts in nanoseconds, so the period has to
     * fit them; and a key allowed a few requests a week is a key that should be revoked instead.
     */
    public static final Duration SHORTEST_PERIOD = Duration.ofMillis(1);
    public static final Duration LONGEST_PERIOD = Duration.ofDays(1);

    public RateLimit {
        if (permits < 1) {
            throw new IllegalArgumentException("A rate needs at least one permit per period");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate's period must be positive");
        }
    }
}
