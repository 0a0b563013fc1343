package io.npsloop.ingest.webhooks;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * SurveyMonkey's {@code response_completed} and {@code response_updated} webhooks. SurveyMonkey signs
 * the raw body: {@code Sm-Signature: <base64 HMAC-SHA1(body)>} keyed with {@code <api key>&<api
 * secret>}, and names the app in {@code Sm-Apikey}. The callback carries ids only ({@code object_id}
 * and {@code resources.survey_id}), so the response is read from
 * {@code GET /v3/surveys/{survey}/responses/{response}/details?simple=true} with the app's access
 * token; {@code simple=true} adds the answer text, which for an NPS question is the score. The
 * customer id and the attributes are custom variables of the survey link.
 */
public class SurveyMonkeyProvider implements WebhookProvider {

    public static final String NAME = "surveymonkey";

    private final String apiKey;
    private final String apiSecret;
    private final String apiBaseUrl;
    private final String accessToken;
    private final ProviderMapping mapping;
    private final ResponseFetcher fetcher;

    public SurveyMonkeyProvider(String apiKey, String apiSecret, String apiBaseUrl, String accessToken,
            ProviderMapping mapping, ResponseFetcher fetcher) {
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.apiBaseUrl = apiBaseUrl.replaceAll("/+$", "");
        this.accessToken = accessToken;
        this.mapping = mapping;
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String authenticate(WebhookDelivery delivery, Instant now) {
        String received = delivery.header("Sm-Signature");
        String expected = Signatures.base64Hmac("HmacSHA1", Signatures.utf8(apiKey + "&" + apiSecret), delivery.body());
        if (received == null || !Signatures.sameText(expected, received.strip())) {
            throw new WebhookNotAuthenticException("Sm-Signature does not match the body");
        }
        return Json.text(Json.parse(delivery.body()).path("event_id"));
    }

    @Override
    public Optional<ResponseRequest> toRequest(WebhookDelivery delivery) {
        JsonNode event = Json.parse(delivery.body());
        String type = Json.text(event.path("event_type"));
        if (!"response_completed".equals(type) && !"response_updated".equals(type)) {
            return Optional.empty();
        }
        String responseId = Json.text(event.path("object_id"));
        String surveyId = Json.text(event.path("resources").path("survey_id"));
        if (responseId == null || surveyId == null || !ID.matcher(responseId).matches() || !ID.matcher(surveyId).matches()) {
            throw new InvalidRequestException("object_id", "object_id and resources.survey_id must be SurveyMonkey ids");
        }
        JsonNode response = fetcher.get(apiBaseUrl + "/v3/surveys/" + surveyId + "/responses/" + responseId + "/details?simple=true",
                Map.of("Authorization", "Bearer " + accessToken, "Accept", "application/json"));
        JsonNode npsAnswer = firstAnswer(response, mapping.npsQuestion());
        if (npsAnswer == null) {
            return Optional.empty();
        }
        JsonNode commentAnswer = mapping.commentQuestion() == null ? null : firstAnswer(response, mapping.commentQuestion());
        JsonNode variables = response.path("custom_variables");
        Instant created = Json.instant(Json.text(response.path("date_created")), "date_created");
        Instant modified = Json.instant(Json.text(response.path("date_modified")), "date_modified");
        String score = Json.text(npsAnswer.path("simple_text"));
        return Optional.of(new ResponseRequest(
                responseId,
                mapping.surveyId() != null ? mapping.surveyId() : surveyId,
                Json.text(variables.path(mapping.customerIdField())),
                null,
                null,
                Json.score(score == null ? npsAnswer.path("text") : npsAnswer.path("simple_text"), "pages.questions.answers"),
                commentAnswer == null ? null : Json.text(commentAnswer.path("text")),
                mapping.channel(),
                null,
                created,
                Json.attributes(mapping.attributeFields(), field -> Json.text(variables.path(field))),
                null,
                Json.revision(created, modified)));
    }

    /** Ids go into a URL path, so only plain ids are allowed: a forged id cannot steer the request elsewhere. */
    static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static @Nullable JsonNode firstAnswer(JsonNode response, String questionId) {
        for (JsonNode page : response.path("pages")) {
            for (JsonNode question : page.path("questions")) {
                if (questionId.equals(Json.text(question.path("id"))) && question.path("answers").size() > 0) {
                    return question.path("answers").path(0);
                }
            }
        }
        return null;
    }
}
