package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A follow-up case moved from one state to another, on {@link Topics#FOLLOWUPS}, keyed by
 * customer id. {@code sequence} numbers the changes of one case from 1, so a consumer can apply
 * each exactly once and in order. {@code actor} is the authenticated user, or {@code system}.
 * {@code owner} is the agent who holds the case after the change (their own claim, or a team
 * lead's assignment), null when nobody does; absent from events written before it existed.
 */
public record CaseStatusChanged(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String alertId,
        String responseId,
        String customerId,
        String queue,
        long sequence,
        String fromState,
        String toState,
        String actor,
        @Nullable String reason,
        @Nullable String owner) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
