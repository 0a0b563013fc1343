package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The experiment arm a case was assigned to and what was offered, on {@link Topics#FOLLOWUPS}, keyed
 * by customer id. In the control arm nothing is offered: {@code incentiveId}, {@code cost} and
 * {@code accepted} are null. {@code accepted} is null while the customer has not answered.
 */
public record IncentiveOffered(
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
        String experimentId,
        String arm,
        String rootCause,
        @Nullable String incentiveId,
        @Nullable String incentiveType,
        @Nullable Money cost,
        @Nullable Boolean accepted) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
