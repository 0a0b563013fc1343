package io.npsloop.alerting.alerts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Per customer, the latest alert raised for them and when they gave the answer that raised it. */
public interface CustomerAlerts {

    @Nullable OpenAlert latest(String customerId);

    /** Remembers the alert unless the customer already has one for a later answer. */
    void remember(String customerId, OpenAlert alert);

    /** An alert and the time of the answer that raised it. */
    record OpenAlert(String alertId, Instant respondedAt) {
    }
}
