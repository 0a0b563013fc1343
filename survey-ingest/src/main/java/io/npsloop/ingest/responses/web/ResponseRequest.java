package io.npsloop.ingest.responses.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import io.npsloop.contracts.Contact;
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
        Map<@Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z][A-Za-z0-9_.-]*", message = "must start with a letter and use letters, digits, '_', '.' or '-'") String,
            @NotNull @Size(max = 256) String> attributes,
        @Nullable @Valid MoneyRequest accountValue,
        @Nullable @Min(1) Integer revision) {

    static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.:@-]*";
    static final String ID_MESSAGE = "must start with a letter or digit and use letters, digits, '_', '.', ':', '@' or '-'";
    static final String CHANNEL_PATTERN = "email|web|in_app|sms|phone|chat|social|kiosk|other";

    public record ContactRequest(
            @Nullable @Size(max = 200) String name,
            @Nullable @Email @Size(max = 320) String email,
            @Nullable @Pattern(regexp = "\\+?[0-9 ()./-]{3,32}", message = "must be a phone number of 3 to 32 digits and separators") String phone) {
    }

    public record MoneyRequest(
            @NotNull @Pattern(regexp = "-?[0-9]{1,15}(\\.[0-9]{1,6})?", message = "must be a decimal string such as \"1200.50\"") String amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /**
     * The domain form of a request that passed every check; the one mapping used by the API, the
     * CSV import and the webhooks alike.
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
                comment,
                channel,
                touchpoint,
                respondedAt,
                attributes == null ? Map.of() : Map.copyOf(attributes),
                accountValue == null ? null : new BigDecimal(accountValue.amount()),
                accountValue == null ? null : accountValue.currency(),
                revision == null ? 1 : revision);
    }
}
