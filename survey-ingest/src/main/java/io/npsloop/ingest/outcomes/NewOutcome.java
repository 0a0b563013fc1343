package io.npsloop.ingest.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.npsloop.contracts.OutcomeKind;
import io.npsloop.platform.privacy.PersonalFields;
import org.jspecify.annotations.Nullable;

/** An outcome that passed validation, in domain terms; {@code outcomeId} is null when the client sent none. */
public record NewOutcome(
        @Nullable String outcomeId,
        String customerId,
        @Nullable String accountId,
        OutcomeKind outcome,
        @Nullable Instant occurredAt,
        @Nullable BigDecimal valueAmount,
        @Nullable String valueCurrency,
        @Nullable String reasonCode,
        Map<String, String> attributes) {

    /**
     * This outcome as it is kept for a customer erased before it arrived, as responses are: the
     * pseudonym wherever the customer id was (customer, account, attribute values), no attribute
     * named as personal data. Kind, time, value and reason stay, so churn figures still count it.
     */
    public NewOutcome pseudonymised(String pseudonym) {
        Map<String, String> kept = new LinkedHashMap<>();
        attributes.forEach((key, value) -> {
            if (!PersonalFields.isPersonal(key)) {
                kept.put(key, customerId.equals(value) ? pseudonym : value);
            }
        });
        return new NewOutcome(outcomeId, pseudonym, customerId.equals(accountId) ? pseudonym : accountId, outcome, occurredAt,
                valueAmount, valueCurrency, reasonCode, Map.copyOf(kept));
    }
}
