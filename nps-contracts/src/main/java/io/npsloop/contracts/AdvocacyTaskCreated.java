package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An advocacy task (ask a promoter for a review or a referral), on {@link Topics#FOLLOWUPS}, keyed by
 * customer id. It is a case of kind advocacy, worked through the same states as a recovery case.
 */
public record AdvocacyTaskCreated(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String customerId,
        String responseId,
        long sequence,
        String queue,
        String task,
        int score,
        @Nullable String accountId,
        Instant slaDueAt) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
