package io.npsloop.alerting.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.npsloop.alerting.notifications.Notification.Attempt;
import io.npsloop.alerting.notifications.Notification.Status;
import io.npsloop.alerting.notifications.NotificationSender.Outcome;

/**
 * Drains the outbox on a schedule, outside the Kafka consumer, so a slow or failing receiver never
 * holds up alerting. Each due notification is claimed (so two instances never send it twice at the
 * same time), sent, and its attempt recorded; a failure is retried with exponential back-off until
 * the maximum number of attempts, after which it is marked FAILED.
 */
public class NotificationDispatcher {

    private final NotificationOutbox outbox;
    private final NotificationSender sender;
    private final Backoff backoff;
    private final Duration lease;
    private final int batchSize;
    private final Clock clock;

    public NotificationDispatcher(NotificationOutbox outbox, NotificationSender sender, Backoff backoff, Duration lease,
            int batchSize, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.backoff = backoff;
        this.lease = lease;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** @return how many notifications were attempted */
    public int dispatchDue() {
        int attempted = 0;
        for (Notification notification : outbox.due(clock.instant(), batchSize)) {
            Instant now = clock.instant();
            if (!outbox.claim(notification.id(), notification.nextAttemptAt(), now.plus(lease))) {
                continue;
            }
            attempted++;
            Outcome outcome;
            try {
                outcome = sender.send(notification);
            } catch (Exception e) {
                outcome = Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            Instant at = clock.instant();
            int attempts = notification.attempts().size() + 1;
            Attempt attempt = new Attempt(at, outcome.delivered(), outcome.detail());
            if (outcome.delivered()) {
                outbox.record(notification.id(), attempt, Status.DELIVERED, at);
            } else if (!outcome.retryable() || attempts >= backoff.maxAttempts()) {
                outbox.record(notification.id(), attempt, Status.FAILED, at);
            } else {
                outbox.record(notification.id(), attempt, Status.PENDING, at.plus(backoff.after(attempts)));
            }
        }
        return attempted;
    }
}
