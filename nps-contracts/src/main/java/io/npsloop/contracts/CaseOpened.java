package io.npsloop.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A follow-up case opened for an alert, on {@link Topics#FOLLOWUPS}, keyed by customer id. */
public record CaseOpened(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String alertId,
        String responseId,
        String customerId,
        @Nullable String accountId,
        Severity severity,
        String queue,
        int priority,
        Instant slaDueAt,
        @Nullable Money accountValue) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
