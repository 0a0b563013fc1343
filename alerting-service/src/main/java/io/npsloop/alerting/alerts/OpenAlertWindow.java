package io.npsloop.alerting.alerts;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a new answer joins the customer's open alert instead of raising a second one: the alert was
 * raised for an answer given less than the window before this one. Measured in answer time, not
 * processing time, so a replay or a dry run decides exactly as live processing did. An answer older
 * than the open alert's answer (out of order) raises its own alert.
 */
public record OpenAlertWindow(Duration window) {

    public boolean attaches(CustomerAlerts.@Nullable OpenAlert open, Instant respondedAt) {
        if (open == null || window.isZero()) {
            return false;
        }
        return !respondedAt.isBefore(open.respondedAt()) && respondedAt.isBefore(open.respondedAt().plus(window));
    }
}
