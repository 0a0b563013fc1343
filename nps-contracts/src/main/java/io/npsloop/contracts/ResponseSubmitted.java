package io.npsloop.contracts;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A survey response accepted by survey-ingest, on {@link Topics#RESPONSES}, keyed by customer id.
 * A later revision of the same response (same {@code source} and {@code responseId}, higher
 * {@code revision}) replaces the earlier one in every figure. {@code occurredAt} is the event time
 * used for bucketing: when the customer answered.
 */
public record ResponseSubmitted(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        Instant receivedAt,
        String source,
        String responseId,
        int revision,
        @Nullable String surveyId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        @Nullable String comment,
        @Nullable String channel,
        @Nullable String touchpoint,
        Map<String, String> attributes,
        @Nullable Money accountValue) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
