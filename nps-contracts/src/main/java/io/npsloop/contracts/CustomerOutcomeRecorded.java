package io.npsloop.contracts;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A customer outcome (a cancellation, a downgrade or a renewal) that a business system posted to
 * survey-ingest, on {@link Topics#OUTCOMES}, keyed by customer id. {@code source} and
 * {@code outcomeId} identify it: an outcome is recorded once and never revised. {@code occurredAt}
 * is the event time used for bucketing: when the outcome took effect at the business.
 * {@code value} is the yearly revenue concerned: lost for {@code CANCELLED}, the drop for
 * {@code DOWNGRADED}, kept for {@code RENEWED}. {@code reasonCode} is the sender's short code
 * ({@code price}), never free text or personal data.
 */
public record CustomerOutcomeRecorded(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        Instant receivedAt,
        String source,
        String outcomeId,
        String customerId,
        @Nullable String accountId,
        OutcomeKind outcome,
        @Nullable Money value,
        @Nullable String reasonCode,
        @Nullable Map<String, String> attributes) {

    public static final int SCHEMA_VERSION = 1;
}
