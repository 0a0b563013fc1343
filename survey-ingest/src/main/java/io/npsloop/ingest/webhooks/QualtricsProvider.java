package io.npsloop.ingest.webhooks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Qualtrics' {@code surveyengine.completedResponse.<SurveyID>} event subscription. Qualtrics posts a
 * form-encoded body ({@code Topic}, {@code Status}, {@code SurveyID}, {@code ResponseID},
 * {@code CompletedDate}, {@code BrandID}) without a signature, so the publication URL carries a shared
 * secret, {@code ?token=<secret>}. The response is read from
 * {@code GET /API/v3/surveys/{SurveyID}/responses/{ResponseID}} with the {@code X-API-TOKEN} header;
 * its {@code result.values} hold answers by question id (the NPS question's value is its 0-10 recode)
 * and embedded data by name, where the customer id and the attributes are found.
 */
public class QualtricsProvider implements WebhookProvider {

    public static final String NAME = "qualtrics";

    private final String token;
    private final String apiBaseUrl;
    private final String apiToken;
    private final ProviderMapping mapping;
    private final ResponseFetcher fetcher;

    public QualtricsProvider(String token, String apiBaseUrl, String apiToken, ProviderMapping mapping,
            ResponseFetcher fetcher) {
        this.token = token;
        this.apiBaseUrl = apiBaseUrl.replaceAll("/+$", "");
        this.apiToken = apiToken;
        this.mapping = mapping;
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String authenticate(WebhookDelivery delivery, Instant now) {
        String received = delivery.queryParameter("token");
        if (received == null || !Signatures.sameText(token, received)) {
            throw new WebhookNotAuthenticException("the token query parameter does not match");
        }
        // Qualtrics sends one completedResponse event per response and gives it no delivery id of its own.
        Map<String, String> form = form(delivery.body());
        String responseId = form.get("ResponseID");
        return responseId == null ? null : form.get("Topic") + "/" + responseId;
    }

    @Override
    public Optional<ResponseRequest> toRequest(WebhookDelivery delivery) {
        Map<String, String> form = form(delivery.body());
        String topic = form.get("Topic");
        if (topic == null || !topic.startsWith("surveyengine.completedResponse.")) {
            return Optional.empty();
        }
        String surveyId = form.get("SurveyID");
        String responseId = form.get("ResponseID");
        if (surveyId == null || responseId == null || !SurveyMonkeyProvider.ID.matcher(surveyId).matches()
                || !SurveyMonkeyProvider.ID.matcher(responseId).matches()) {
            throw new InvalidRequestException("ResponseID", "SurveyID and ResponseID must be Qualtrics ids");
        }
        JsonNode result = fetcher.get(apiBaseUrl + "/API/v3/surveys/" + surveyId + "/responses/" + responseId,
                Map.of("X-API-TOKEN", apiToken, "Accept", "application/json")).path("result");
        JsonNode values = result.path("values");
        Integer score = Json.score(values.path(mapping.npsQuestion()), "values." + mapping.npsQuestion());
        if (score == null) {
            return Optional.empty();
        }
        String completed = Json.text(values.path("endDate"));
        return Optional.of(new ResponseRequest(
                responseId,
                mapping.surveyId() != null ? mapping.surveyId() : surveyId,
                Json.text(values.path(mapping.customerIdField())),
                null,
                null,
                score,
                mapping.commentQuestion() == null ? null : Json.text(values.path(mapping.commentQuestion())),
                mapping.channel(),
                null,
                Json.instant(completed != null ? completed : Json.text(values.path("recordedDate")), "values.endDate"),
                Json.attributes(mapping.attributeFields(), field -> Json.text(values.path(field))),
                null,
                1));
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new HashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // A broken %-escape: the body is not form encoding.
                throw new InvalidRequestException("(body)", "is not form encoding: " + e.getMessage());
            }
        }
        return form;
    }
}
