package io.npsloop.ingest;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code POST /api/v1/webhooks/{provider}}: shared limits, then one block per provider.
 *
 * @param timestampTolerance how far a signed timestamp may be from now (Formbricks)
 * @param apiTimeout connect and read timeout when fetching a response from a tool's API
 * @param maxBodyBytes largest delivery accepted; larger ones are answered 413
 */
@ConfigurationProperties("nps.ingest.webhooks")
public record WebhooksProperties(
        @DefaultValue("5m") Duration timestampTolerance,
        @DefaultValue("10s") Duration apiTimeout,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue Provider typeform,
        @DefaultValue Provider formbricks,
        @DefaultValue Provider delighted,
        @DefaultValue Provider surveymonkey,
        @DefaultValue Provider qualtrics) {

    /**
     * One provider.
     *
     * @param enabled whether its webhook path answers at all
     * @param secret the signing secret (Typeform; Formbricks' {@code whsec_...}; SurveyMonkey's app
     *        API secret) or the shared {@code token} of the webhook URL (Delighted, Qualtrics)
     * @param apiKey SurveyMonkey's app API key (client id), part of its signing key
     * @param apiBaseUrl base URL of the tool's REST API (SurveyMonkey: https://api.surveymonkey.com when
     *        empty; Qualtrics: your data centre, such as https://yul1.qualtrics.com)
     * @param apiToken access token for that API (SurveyMonkey bearer token, Qualtrics X-API-TOKEN)
     * @param npsQuestion the question holding the 0-10 answer: Typeform field ref or id, Formbricks
     *        question id, SurveyMonkey question id, Qualtrics question id such as QID1
     * @param commentQuestion the question holding the comment, or empty
     * @param customerIdField the hidden field, person property, custom variable or embedded-data
     *        field that holds the customer id
     * @param attributeFields fields of the same kind that become attributes (segments)
     * @param surveyId survey id to record instead of the tool's own
     * @param channel channel to record, such as {@code web} or {@code email}
     */
    public record Provider(
            @DefaultValue("false") boolean enabled,
            @Nullable String secret,
            @Nullable String apiKey,
            @Nullable String apiBaseUrl,
            @Nullable String apiToken,
            @DefaultValue("nps") String npsQuestion,
            @Nullable String commentQuestion,
            @DefaultValue("customer_id") String customerIdField,
            @DefaultValue List<String> attributeFields,
            @Nullable String surveyId,
            @Nullable String channel) {
    }
}
