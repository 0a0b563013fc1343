package io.npsloop.ingest.responses;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.npsloop.contracts.Contact;
import org.jspecify.annotations.Nullable;

/** A response that passed validation, in domain terms; {@code responseId} is null when the client sent none. */
public record NewResponse(
        @Nullable String responseId,
        @Nullable String surveyId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        @Nullable String comment,
        @Nullable String channel,
        @Nullable String touchpoint,
        @Nullable Instant respondedAt,
        Map<String, String> attributes,
        @Nullable BigDecimal accountValueAmount,
        @Nullable String accountValueCurrency,
        int revision) {
}
