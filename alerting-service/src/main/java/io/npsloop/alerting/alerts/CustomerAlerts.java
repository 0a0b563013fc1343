package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Per customer, the latest alert raised for them and when they gave the answer that raised it. */
public interface CustomerAlerts {

    /** The latest alert of each of these customers that has one, in one read. */
    Map<String, OpenAlert> latestAll(Collection<String> customerIds);

    /** Remembers each customer's alert in one write, except where the customer already has one for a later answer. */
    void rememberAll(Map<String, OpenAlert> alerts);

    /** An alert and the time of the answer that raised it. */
    record OpenAlert(String alertId, Instant respondedAt) {

        /** Of two alerts of a customer, the one for the later answer; on a tie {@code other}, as a guarded write would. */
        public OpenAlert later(OpenAlert other) {
            return other.respondedAt().isBefore(respondedAt) ? this : other;
        }
    }
}
