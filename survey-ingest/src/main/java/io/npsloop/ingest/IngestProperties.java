package io.npsloop.ingest;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of survey-ingest under {@code nps.ingest}; every one is in the README's table.
 *
 * @param apiKeys the source systems allowed to submit, each with the SHA-256 of its key
 * @param rateLimit the request rate allowed to each key that sets no rate of its own
 * @param apiKeyRefresh how often each instance reads the managed API keys from the store again: the
 *     longest a key created or revoked on another instance takes to be accepted or refused here
 * @param limits bounds on what one request may make the service read
 * @param retryAfter what a 503 tells the client to wait before retrying
 * @param submissionLease how long a pending submission belongs to the request publishing it;
 *     must exceed the producer's max.block.ms plus delivery.timeout.ms
 * @param singleLinger how long single submissions (POST of one response, a webhook's response) are
 *     collected into one group for the intake after the first of them; zero for no grouping
 * @param singleMaxGroup most single submissions in one group
 * @param singleQueueCapacity most single submissions waiting for a group; more are answered 503
 * @param singleGroupsInFlight most groups of single submissions with the intake at once
 */
@Validated
@ConfigurationProperties("nps.ingest")
public record IngestProperties(
        @DefaultValue @Valid List<ApiKey> apiKeys,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue("5s") Duration apiKeyRefresh,
        @DefaultValue @Valid Limits limits,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("60s") Duration submissionLease,
        @DefaultValue("2ms") @DurationMin(millis = 0) @DurationMax(seconds = 1) Duration singleLinger,
        @DefaultValue("200") @Min(1) @Max(10_000) int singleMaxGroup,
        @DefaultValue("1000") @Min(1) @Max(1_000_000) int singleQueueCapacity,
        @DefaultValue("4") @Min(1) @Max(64) int singleGroupsInFlight) {

    /** Scope for {@code POST /api/v1/responses} and {@code /api/v1/responses/batch}. */
    public static final String SCOPE_WRITE = "responses:write";
    /** Scope for {@code POST /api/v1/responses/import}. */
    public static final String SCOPE_IMPORT = "responses:import";

    /**
     * @param name shown in logs and problems, never the key itself
     * @param source the source recorded on every response submitted with this key
     * @param sha256 hex SHA-256 of the key; the key itself is never configured
     * @param scopes what the key may do
     * @param rateLimit this key's own rate, or null for the default
     */
    public record ApiKey(
            @NotBlank String name,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_.-]{0,63}") String source,
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits") String sha256,
            @DefaultValue({SCOPE_WRITE, SCOPE_IMPORT}) @NotEmpty List<String> scopes,
            @Nullable @Valid RateLimit rateLimit) {
    }

    /** A token bucket: {@code permits} requests per {@code period}, refilled at the end of each period. */
    public record RateLimit(@DefaultValue("50") @Min(1) int permits, @DefaultValue("1s") Duration period) {
    }

    /**
     * @param maxBodySize largest body of a single response (and of a webhook delivery)
     * @param maxBatchBodySize largest body of a batch
     * @param maxBatchItems most responses in one batch
     * @param maxNestingDepth deepest JSON nesting accepted
     * @param maxStringLength longest JSON string accepted, in characters
     * @param maxNumberLength longest JSON number accepted, in characters
     */
    public record Limits(
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("16MB") DataSize maxBatchBodySize,
            @DefaultValue("1000") @Min(1) @Max(10_000) int maxBatchItems,
            @DefaultValue("16") @Min(4) int maxNestingDepth,
            @DefaultValue("20000") @Min(10_000) int maxStringLength,
            @DefaultValue("32") @Min(16) int maxNumberLength) {
    }
}
