package io.npsloop.alerting.notifications;

import java.time.Instant;
import java.util.List;

/** The notifications collection: one entry per alert and target, written after the alert is recorded. */
public interface NotificationOutbox {

    /** Adds the notifications that are not there yet; existing ones (same id) are left as they are. */
    void enqueue(List<Notification> notifications);

    /** Pending notifications whose next attempt is due, oldest first. */
    List<Notification> due(Instant now, int limit);

    /**
     * Takes a due notification for one attempt by moving its next attempt time to {@code leaseUntil},
     * only if it is still at {@code dueAt}; false when another dispatcher took it first.
     */
    boolean claim(String id, Instant dueAt, Instant leaseUntil);

    /** Appends an attempt and sets the status and the next attempt time. */
    void record(String id, Notification.Attempt attempt, Notification.Status status, Instant nextAttemptAt);

    List<Notification> forAlert(String alertId);
}
