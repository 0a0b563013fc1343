package io.npsloop.ingest.outcomes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.ingest.responses.ResponseRequest.MoneyRequest;
import io.npsloop.ingest.responses.ResponseRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /api/v1/outcomes}, one row of its CSV import, one item of its batch.
 * The rules are the responses' where the fields are alike (ids, customer, account, event time,
 * money, attributes); unknown fields are rejected as for responses.
 */
public record OutcomeRequest(
        @Nullable @Size(min = 1, max = 128) @Pattern(regexp = ResponseRequest.ID_PATTERN, message = ResponseRequest.ID_MESSAGE) String outcomeId,
        @NotBlank @Size(max = 128) String customerId,
        @Nullable @Size(max = 128) String accountId,
        @NotNull @Pattern(regexp = OUTCOME_PATTERN, flags = Pattern.Flag.CASE_INSENSITIVE, message = OUTCOME_MESSAGE) String outcome,
        @Nullable Instant occurredAt,
        @Nullable @Valid MoneyRequest value,
        @Nullable @Pattern(regexp = REASON_PATTERN, message = REASON_MESSAGE) String reasonCode,
        @Nullable @Size(max = 32, message = "at most 32 attributes")
        Map<@Size(min = 1, max = 64) @Pattern(regexp = ResponseRequest.ATTRIBUTE_KEY_PATTERN, message = ResponseRequest.ATTRIBUTE_KEY_MESSAGE) String,
            @NotNull @Size(max = 256) String> attributes) {

    static final String OUTCOME_PATTERN = "cancelled|downgraded|renewed";
    static final String OUTCOME_MESSAGE = "must be one of cancelled, downgraded, renewed";
    /** A code, as the contract's schema has it: never free text, so never personal data. */
    static final String REASON_PATTERN = "[a-z0-9][a-z0-9_.-]{0,63}";
    static final String REASON_MESSAGE = "must be a code of 1 to 64 lower-case letters, digits, '_', '.' or '-', starting with a letter or digit";

    /** What the bean constraints cannot say, at {@code now}: the responses' rules for event time and money. */
    public List<FieldProblem> ruleProblems(Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        ResponseRequest.timeProblems("occurredAt", occurredAt, now, problems);
        ResponseRequest.moneyProblems("value", value, problems);
        return problems;
    }

    /** The domain form of a request that passed every check. */
    public NewOutcome toNewOutcome() {
        return new NewOutcome(outcomeId, customerId, accountId, OutcomeKind.valueOf(outcome.toUpperCase(Locale.ROOT)), occurredAt,
                value == null ? null : new BigDecimal(value.amount()), value == null ? null : value.currency(), reasonCode,
                attributes == null ? Map.of() : Map.copyOf(attributes));
    }
}
