package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request to survey the customer of a resolved case again, for survey systems, on
 * {@link Topics#FOLLOWUPS}, keyed by customer id. Contact is personal data: never logged.
 */
public record ResurveyRequested(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String customerId,
        String responseId,
        long sequence,
        String queue,
        String actor,
        @Nullable Contact contact) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
