package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An attempt to reach the customer of a case, on {@link Topics#FOLLOWUPS}, keyed by customer id.
 * {@code firstContact} marks the first attempt that reached the customer, so time to first contact
 * is {@code occurredAt - caseOpenedAt} of that event. Notes stay in followup-service: they may hold
 * personal data.
 */
public record ContactAttempted(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String customerId,
        String responseId,
        long sequence,
        String queue,
        String agent,
        String channel,
        String outcome,
        @Nullable Instant callbackAt,
        int attemptNumber,
        boolean firstContact,
        Instant caseOpenedAt) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
