package io.npsloop.alerting.alerts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * The alerts raised, each stored before it is published, with whether it was published yet. The
 * writes take a batch's worth at once; each is idempotent per alert, so a batch written twice (or
 * in other boundaries) leaves what one write would.
 */
public interface AlertStore {

    /**
     * Stores the alerts and the targets to notify, except those whose id exists; returns what is
     * stored under each id afterwards (the existing alert where one was there first).
     */
    Map<String, StoredAlert> insertAllIfAbsent(List<NewAlert> alerts);

    void markAllPublished(Collection<String> alertIds);

    @Nullable StoredAlert find(String alertId);

    /** The stored alerts among these ids, in one read. */
    Map<String, StoredAlert> findAll(Collection<String> alertIds);

    /**
     * Attaches responses to open alerts instead of raising their own: records that each response's
     * own alert id went to the open alert (so a redelivery attaches again, harmlessly, rather than
     * raising an alert later) and adds the response id to that alert. The open alerts must be stored.
     */
    void attachAll(List<Attachment> attachments);

    /** The alert each response was attached to, by the response's own alert id, for those that were. */
    Map<String, String> attachedToAll(Collection<String> ownAlertIds);

    /** Alerts matching the query, newest first, and how many match in all. */
    Page search(AlertQuery query);

    /** An alert to store and the targets to notify of it. */
    record NewAlert(DetractorAlertRaised alert, List<NotificationTarget> targets) {
    }

    /** A response that joined an open alert instead of raising its own ({@code ownAlertId}). */
    record Attachment(String ownAlertId, String openAlertId, String responseId) {
    }

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
