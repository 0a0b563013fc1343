package io.npsloop.alerting.rules;

import java.time.Duration;
import java.util.List;

import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * What a matching rule asks for.
 *
 * @param severity how urgent; the most severe match decides the alert
 * @param ownerQueue the team queue that owns the follow-up
 * @param notifications where to send the alert once it is recorded
 * @param firstContactSla how soon the customer must be contacted (ISO-8601 duration such as {@code PT4H})
 * @param escalateTo a queue that takes the alert over from the owner queue (for example the executive queue)
 */
public record RuleActions(
        Severity severity,
        String ownerQueue,
        @Nullable List<NotificationTarget> notifications,
        Duration firstContactSla,
        @Nullable String escalateTo) {

    public List<NotificationTarget> targets() {
        return notifications == null ? List.of() : notifications;
    }
}
