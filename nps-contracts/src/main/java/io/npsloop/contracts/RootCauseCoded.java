package io.npsloop.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The root causes of a case, coded from the managed taxonomy, on {@link Topics#FOLLOWUPS}, keyed by
 * customer id. A later coding of the same case replaces the earlier one (higher {@code sequence} wins).
 */
public record RootCauseCoded(
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
        List<String> categories,
        @Nullable String otherText) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
