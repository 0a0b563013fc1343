package io.npsloop.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, in UTC, so that time rules (back-off, SLAs, rate limits, leases)
 * are tested without waiting. Safe to read from other threads: the instant is volatile.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: its zone is always UTC, and a test keeps moving this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
