package io.npsloop.reporting.projections;

import java.time.Instant;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import org.jspecify.annotations.Nullable;

/**
 * The latest revision of one scored response, as the projection keeps it. {@code segments} holds
 * every segment value the response has: its attributes plus {@code channel} and {@code touchpoint}.
 */
public record Answer(String key, String responseId, String customerId, @Nullable String accountId, Instant occurredAt,
        int score, Category category, @Nullable String comment, Map<String, String> segments,
        @Nullable Money accountValue) {
}
