package io.npsloop.ingest.webhooks.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import io.npsloop.ingest.WebhooksProperties;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.SubmissionGrouping;
import io.npsloop.ingest.webhooks.DelightedProvider;
import io.npsloop.ingest.webhooks.FormbricksProvider;
import io.npsloop.ingest.webhooks.ProviderMapping;
import io.npsloop.ingest.webhooks.QualtricsProvider;
import io.npsloop.ingest.webhooks.ResponseFetcher;
import io.npsloop.ingest.webhooks.SurveyMonkeyProvider;
import io.npsloop.ingest.webhooks.TypeformProvider;
import io.npsloop.ingest.webhooks.WebhookIntake;
import io.npsloop.ingest.webhooks.WebhookProvider;
import io.npsloop.ingest.webhooks.http.RestClientResponseFetcher;
import io.npsloop.ingest.webhooks.mongo.MongoDeliveryLog;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** Builds the enabled providers from {@link WebhooksProperties}; an enabled provider without its secrets fails the start. */
@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    static final String SURVEYMONKEY_API = "https://api.surveymonkey.com";

    @Bean
    WebhookIntake webhookIntake(WebhooksProperties properties, MongoDatabase database, ResponseChecks checks,
            SubmissionGrouping singleSubmissions, Clock clock) {
        ResponseFetcher fetcher = new RestClientResponseFetcher(RestClient.builder(), properties.apiTimeout());
        List<WebhookProvider> providers = new ArrayList<>();
        WebhooksProperties.Provider typeform = properties.typeform();
        if (typeform.enabled()) {
            providers.add(new TypeformProvider(required(typeform.secret(), "typeform.secret"), mapping(typeform)));
        }
        WebhooksProperties.Provider formbricks = properties.formbricks();
        if (formbricks.enabled()) {
            providers.add(new FormbricksProvider(required(formbricks.secret(), "formbricks.secret"),
                    properties.timestampTolerance(), mapping(formbricks)));
        }
        WebhooksProperties.Provider delighted = properties.delighted();
        if (delighted.enabled()) {
            providers.add(new DelightedProvider(required(delighted.secret(), "delighted.secret"), mapping(delighted)));
        }
        WebhooksProperties.Provider surveymonkey = properties.surveymonkey();
        if (surveymonkey.enabled()) {
            providers.add(new SurveyMonkeyProvider(required(surveymonkey.apiKey(), "surveymonkey.api-key"),
                    required(surveymonkey.secret(), "surveymonkey.secret"),
                    surveymonkey.apiBaseUrl() == null ? SURVEYMONKEY_API : surveymonkey.apiBaseUrl(),
                    required(surveymonkey.apiToken(), "surveymonkey.api-token"), mapping(surveymonkey), fetcher));
        }
        WebhooksProperties.Provider qualtrics = properties.qualtrics();
        if (qualtrics.enabled()) {
            providers.add(new QualtricsProvider(required(qualtrics.secret(), "qualtrics.secret"),
                    required(qualtrics.apiBaseUrl(), "qualtrics.api-base-url"),
                    required(qualtrics.apiToken(), "qualtrics.api-token"), mapping(qualtrics), fetcher));
        }
        return new WebhookIntake(providers, new MongoDeliveryLog(database, clock), checks,
                (source, response) -> singleSubmissions.submit(source, response, null), clock);
    }

    private static ProviderMapping mapping(WebhooksProperties.Provider provider) {
        return new ProviderMapping(provider.npsQuestion(), blankToNull(provider.commentQuestion()), provider.customerIdField(),
                provider.attributeFields(), blankToNull(provider.surveyId()), blankToNull(provider.channel()));
    }

    private static String required(@Nullable String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("nps.ingest.webhooks." + property + " must be set when the provider is enabled");
        }
        return value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
