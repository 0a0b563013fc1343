package io.npsloop.alerting.notifications;

import java.time.Duration;

/** Exponential back-off: the initial delay after the first failure, doubling per failure, capped. */
public record Backoff(Duration initial, Duration max, int maxAttempts) {

    /** The wait after the given number of failed attempts (1 = after the first failure). */
    public Duration after(int failedAttempts) {
        Duration delay = initial;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
