package io.npsloop.ingest.responses;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Contact;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.NewResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The JSON body of {@code POST /api/v1/responses}. Unknown fields are rejected (see
 * {@code survey-ingest.yml}); every limit here bounds what one request can make the service store.
 */
public record ResponseRequest(
        @Nullable @Size(min = 1, max = 128) @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String responseId,
        @Nullable @Size(min = 1, max = 128) String surveyId,
        @NotBlank @Size(max = 128) String customerId,
        @Nullable @Size(max = 128) String accountId,
        @Nullable @Valid ContactRequest contact,
        @NotNull @Min(0) @Max(10) Integer score,
        @Nullable @Size(max = 10_000) String comment,
        @Nullable @Pattern(regexp = CHANNEL_PATTERN, message = "must be one of email, web, in_app, sms, phone, chat, social, kiosk, other") String channel,
        @Nullable @Size(max = 128) String touchpoint,
        @Nullable Instant respondedAt,
        @Nullable @Size(max = 32, message = "at most 32 attributes")
        Map<@Size(min = 1, max = 64) @Pattern(regexp = ATTRIBUTE_KEY_PATTERN, message = ATTRIBUTE_KEY_MESSAGE) String,
            @NotNull @Size(max = 256) String> attributes,
        @Nullable @Valid MoneyRequest accountValue,
        @Nullable @Min(1) Integer revision) {

    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:@-]*";
    public static final String ID_MESSAGE = "must start with a letter or digit and use letters, digits, '_', '.', ':', '@' or '-'";
    public static final String ATTRIBUTE_KEY_PATTERN = "[A-Za-z][A-Za-z0-9_.-]*";
    public static final String ATTRIBUTE_KEY_MESSAGE = "must start with a letter and use letters, digits, '_', '.' or '-'";
    static final String CHANNEL_PATTERN = "email|web|in_app|sms|phone|chat|social|kiosk|other";
    static final String AMOUNT_PATTERN = "-?[0-9]{1,15}(\\.[0-9]{1,6})?";
    static final String CURRENCY_PATTERN = "[A-Z]{3}";

    public record ContactRequest(
            @Nullable @Size(max = 200) String name,
            @Nullable @Email @Size(max = 320) String email,
            @Nullable @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}", message = "must be a phone number of 3 to 32 digits and separators") String phone) {
    }

    public record MoneyRequest(
            @NotNull @Pattern(regexp = AMOUNT_PATTERN, message = "must be a decimal string such as \"1200.50\"") String amount,
            @NotNull @Pattern(regexp = CURRENCY_PATTERN, message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** Clocks of source systems drift; anything later than this is a client bug, not a response. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /**
     * How old an answer may be: older is a wrong date (a default of 1970, a two-digit year read in
     * the wrong century), not a late answer, and would land in a bucket no report shows.
     */
    public static final Period MAX_AGE = Period.ofYears(10);

    /**
     * The rules the bean constraints cannot express, at {@code now}: {@code respondedAt} within
     * {@link #MAX_AGE} before and {@link #MAX_CLOCK_SKEW} after now, a non-negative
     * {@code accountValue.amount} and an {@code accountValue.currency} that ISO 4217 knows. Every
     * intake path checks them here, so each names the same fields with the same messages.
     */
    public List<FieldProblem> ruleProblems(Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        timeProblems("respondedAt", respondedAt, now, problems);
        moneyProblems("accountValue", accountValue, problems);
        return problems;
    }

    /** An event time within {@link #MAX_AGE} before and {@link #MAX_CLOCK_SKEW} after {@code now}. */
    public static void timeProblems(String field, @Nullable Instant time, Instant now, List<FieldProblem> problems) {
        if (time != null && time.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            problems.add(new FieldProblem(field, "must not be more than 5 minutes in the future"));
        }
        if (time != null && time.isBefore(now.atOffset(ZoneOffset.UTC).minus(MAX_AGE).toInstant())) {
            problems.add(new FieldProblem(field, "must not be more than 10 years in the past"));
        }
    }

    /** An amount that is not negative, in a currency ISO 4217 knows (the form is the bean constraints' part). */
    public static void moneyProblems(String field, @Nullable MoneyRequest money, List<FieldProblem> problems) {
        if (money != null && money.amount() != null && money.amount().matches(AMOUNT_PATTERN)
                && new BigDecimal(money.amount()).signum() < 0) {
            problems.add(new FieldProblem(field + ".amount", "must not be negative"));
        }
        if (money != null && money.currency() != null && money.currency().matches(CURRENCY_PATTERN)
                && !isCurrency(money.currency())) {
            problems.add(new FieldProblem(field + ".currency", "is not an ISO 4217 currency code"));
        }
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The domain form of a request that passed every check; the one mapping used by the API, the
     * CSV import and the webhooks alike. A comment of white space only is no comment: it is kept
     * as absent, so that no view shows an empty quote and no theme is mined from blanks.
     */
    public NewResponse toNewResponse() {
        Contact person = contact == null ? null : new Contact(contact.name(), contact.email(), contact.phone());
        return new NewResponse(
                responseId,
                surveyId,
                customerId,
                accountId,
                person,
                score,
                comment == null || comment.isBlank() ? null : comment,
                channel,
                touchpoint,
                respondedAt,
                attributes == null ? Map.of() : Map.copyOf(attributes),
                accountValue == null ? null : new BigDecimal(accountValue.amount()),
                accountValue == null ? null : accountValue.currency(),
                revision == null ? 1 : revision);
    }
}
