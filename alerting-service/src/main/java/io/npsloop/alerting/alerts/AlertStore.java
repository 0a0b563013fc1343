package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.List;

import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/** The alerts raised, each stored before it is published, with whether it was published yet. */
public interface AlertStore {

    /**
     * Stores the alert and the targets to notify unless one for the same response exists; returns
     * the stored one either way.
     */
    StoredAlert insertIfAbsent(DetractorAlertRaised alert, List<NotificationTarget> targets);

    void markPublished(String alertId);

    @Nullable StoredAlert find(String alertId);

    /**
     * Attaches a response to an open alert instead of raising its own: records that the response's
     * own alert id went to {@code openAlertId} (so a redelivery attaches again, harmlessly, rather
     * than raising an alert later) and adds the response id to that alert.
     */
    void attach(String ownAlertId, String openAlertId, String responseId);

    /** The alert a response was attached to, by the response's own alert id; null if it was not. */
    @Nullable String attachedTo(String ownAlertId);

    /** Alerts matching the query, newest first, and how many match in all. */
    Page search(AlertQuery query);

    /** An alert with the responses attached to it since. */
    record StoredAlert(DetractorAlertRaised alert, boolean published, List<String> attachedResponseIds,
            List<NotificationTarget> targets) {
    }

    /** Filters (all optional, ANDed) and a page of 0-based number {@code page} of {@code size}. */
    record AlertQuery(@Nullable Severity severity, @Nullable String queue, @Nullable Instant from, @Nullable Instant to,
            @Nullable String customerId, int page, int size) {
    }

    /** One page of alerts and the number of all matching. */
    record Page(List<StoredAlert> alerts, long total) {
    }
}
