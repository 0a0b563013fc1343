package io.npsloop.contracts;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A response classified by scoring-service, on {@link Topics#SCORED}, keyed by customer id. It
 * carries the customer's previous answer (if any) so consumers can see the transition, for example
 * a detractor who became a promoter. {@code occurredAt} is the time the customer answered.
 */
public record ResponseScored(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String source,
        String responseId,
        int revision,
        @Nullable String surveyId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        Category category,
        @Nullable Integer previousScore,
        @Nullable Category previousCategory,
        @Nullable String previousResponseId,
        @Nullable String comment,
        @Nullable String channel,
        @Nullable String touchpoint,
        Map<String, String> attributes,
        @Nullable Money accountValue) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The transition from the previous category, such as {@code DETRACTOR->PROMOTER}; null on a first answer. */
    public @Nullable String transition() {
        return previousCategory == null ? null : previousCategory + "->" + category;
    }

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
