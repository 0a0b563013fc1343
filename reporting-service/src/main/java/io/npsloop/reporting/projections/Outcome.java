package io.npsloop.reporting.projections;

import java.time.Instant;

import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import org.jspecify.annotations.Nullable;

/**
 * One customer outcome as the projection keeps it: {@code key} is {@code source|outcomeId}, its
 * identity. {@code value} is the yearly revenue concerned (lost, dropped or kept). The sender's
 * attributes are not kept.
 */
public record Outcome(String key, String customerId, @Nullable String accountId, Instant occurredAt, OutcomeKind kind,
        @Nullable Money value, @Nullable String reasonCode) {
}
