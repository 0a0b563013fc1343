package io.npsloop.ingest.responses;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.npsloop.contracts.Contact;
import io.npsloop.platform.privacy.PersonalFields;
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

    /**
     * This response as it is kept for a customer erased before it arrived: the pseudonym wherever
     * the customer id was (customer, account, attribute values), no contact data, no comment, no
     * attribute named as personal data. Score, channel, touchpoint, time and the other attributes
     * stay, so every figure counts it.
     */
    public NewResponse pseudonymised(String pseudonym) {
        Map<String, String> kept = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (!PersonalFields.isPersonal(key)) {
                kept.put(key, customerId.equals(value) ? pseudonym : value);
            }
        });
        return new NewResponse(responseId, surveyId, pseudonym, customerId.equals(accountId) ? pseudonym : accountId, null, score,
                null, channel, touchpoint, respondedAt, Map.copyOf(kept), accountValueAmount, accountValueCurrency, revision);
    }
}
