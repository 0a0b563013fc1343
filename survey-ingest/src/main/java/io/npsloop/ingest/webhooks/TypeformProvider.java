package io.npsloop.ingest.webhooks;

import java.time.Instant;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typeform's {@code form_response} webhook. Typeform signs the raw body: header
 * {@code Typeform-Signature: sha256=<base64 HMAC-SHA256(secret, body)>}; it sends no timestamp, so
 * replays are caught by {@code event_id}. The response id is the submission's {@code token}; the NPS
 * and comment questions are matched by field {@code ref} or {@code id}; the customer id and the
 * attributes come from hidden fields.
 */
public class TypeformProvider implements WebhookProvider {

    public static final String NAME = "typeform";
    static final String SIGNATURE_HEADER = "Typeform-Signature";

    private final String secret;
    private final ProviderMapping mapping;

    public TypeformProvider(String secret, ProviderMapping mapping) {
        this.secret = secret;
        this.mapping = mapping;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String authenticate(WebhookDelivery delivery, Instant now) {
        String received = delivery.header(SIGNATURE_HEADER);
        String expected = "sha256=" + Signatures.base64Hmac("HmacSHA256", Signatures.utf8(secret), delivery.body());
        if (received == null || !Signatures.sameText(expected, received.strip())) {
            throw new WebhookNotAuthenticException("Typeform-Signature does not match the body");
        }
        return Json.text(Json.parse(delivery.body()).path("event_id"));
    }

    @Override
    public Optional<ResponseRequest> toRequest(WebhookDelivery delivery) {
        JsonNode root = Json.parse(delivery.body());
        if (!"form_response".equals(Json.text(root.path("event_type")))) {
            return Optional.empty();
        }
        JsonNode response = root.path("form_response");
        JsonNode npsAnswer = answer(response, mapping.npsQuestion());
        if (npsAnswer == null) {
            throw new InvalidRequestException("form_response.answers",
                    "has no answer to the NPS question '" + mapping.npsQuestion() + "'");
        }
        JsonNode commentAnswer = mapping.commentQuestion() == null ? null : answer(response, mapping.commentQuestion());
        JsonNode hidden = response.path("hidden");
        String email = null;
        for (JsonNode answer : response.path("answers")) {
            if ("email".equals(Json.text(answer.path("type")))) {
                email = Json.text(answer.path("email"));
            }
        }
        return Optional.of(new ResponseRequest(
                Json.text(response.path("token")),
                mapping.surveyId() != null ? mapping.surveyId() : Json.text(response.path("form_id")),
                Json.text(hidden.path(mapping.customerIdField())),
                null,
                email == null ? null : new ResponseRequest.ContactRequest(null, email, null),
                Json.score(npsAnswer.path("number"), "form_response.answers.number"),
                commentAnswer == null ? null : Json.text(commentAnswer.path("text")),
                mapping.channel(),
                null,
                Json.instant(Json.text(response.path("submitted_at")), "form_response.submitted_at"),
                Json.attributes(mapping.attributeFields(), field -> Json.text(hidden.path(field))),
                null,
                1));
    }

    private static @Nullable JsonNode answer(JsonNode response, String question) {
        for (JsonNode answer : response.path("answers")) {
            JsonNode field = answer.path("field");
            if (question.equals(Json.text(field.path("ref"))) || question.equals(Json.text(field.path("id")))) {
                return answer;
            }
        }
        return null;
    }
}
