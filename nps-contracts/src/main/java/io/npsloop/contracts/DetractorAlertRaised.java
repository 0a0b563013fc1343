package io.npsloop.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An alert on an unhappy customer, on {@link Topics#ALERTS}, keyed by customer id. It carries what
 * an owner needs to act at once: the answer, the comment, who the customer is, which rules
 * matched, the queue that owns the follow-up and when the first contact is due.
 */
public record DetractorAlertRaised(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String alertId,
        String responseId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        Category category,
        @Nullable String comment,
        @Nullable String channel,
        @Nullable String touchpoint,
        Map<String, String> attributes,
        @Nullable Money accountValue,
        Severity severity,
        String ownerQueue,
        List<String> matchedRules,
        Instant raisedAt,
        Instant slaDueAt,
        @Nullable String escalatedTo,
        @Nullable Map<String, Severity> ruleSeverities,
        @Nullable List<String> notificationTargets) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** An alert without escalation, per-rule severities or notification targets (the first version's fields). */
    public DetractorAlertRaised(String eventId, String eventType, int schemaVersion, Instant occurredAt, String alertId,
            String responseId, String customerId, @Nullable String accountId, @Nullable Contact contact, int score,
            Category category, @Nullable String comment, @Nullable String channel, @Nullable String touchpoint,
            Map<String, String> attributes, @Nullable Money accountValue, Severity severity, String ownerQueue,
            List<String> matchedRules, Instant raisedAt, Instant slaDueAt) {
        this(eventId, eventType, schemaVersion, occurredAt, alertId, responseId, customerId, accountId, contact, score,
                category, comment, channel, touchpoint, attributes, accountValue, severity, ownerQueue, matchedRules,
                raisedAt, slaDueAt, null, null, null);
    }

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
