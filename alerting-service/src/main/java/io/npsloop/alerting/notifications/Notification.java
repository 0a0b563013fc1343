package io.npsloop.alerting.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;

/**
 * One alert to one target, as an outbox entry: what to send, whether it went out, every attempt
 * with its outcome, and when the next attempt is due.
 */
public record Notification(String id, String alertId, NotificationTarget target, DetractorAlertRaised alert,
        Status status, List<Attempt> attempts, Instant nextAttemptAt) {

    /** Where a notification stands. */
    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    /** One attempt: when, whether it was delivered, and what the other side said (or why it was not tried). */
    public record Attempt(Instant at, boolean delivered, String outcome) {
    }

    /** A new notification due at once; its id is stable per alert and target, so enqueueing twice is harmless. */
    public static Notification due(DetractorAlertRaised alert, NotificationTarget target, Instant now) {
        return new Notification(idOf(alert.alertId(), target), alert.alertId(), target, alert, Status.PENDING, List.of(), now);
    }

    public static String idOf(String alertId, NotificationTarget target) {
        return UUID.nameUUIDFromBytes(("notification|" + alertId + "|" + target.label())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
