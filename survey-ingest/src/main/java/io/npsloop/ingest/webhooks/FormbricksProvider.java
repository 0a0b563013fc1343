package io.npsloop.ingest.webhooks;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Formbricks' {@code responseCreated}, {@code responseUpdated} and {@code responseFinished} webhooks,
 * signed per the Standard Webhooks specification: headers {@code webhook-id},
 * {@code webhook-timestamp} (Unix seconds) and {@code webhook-signature} ({@code v1,<base64>}, several
 * separated by spaces during a secret rotation), the HMAC-SHA256 of {@code id.timestamp.body} keyed
 * with the base64 part of the {@code whsec_} secret. A timestamp outside the tolerance is refused, so
 * a captured delivery cannot be replayed later. Answers are keyed by question id in {@code data.data};
 * hidden fields sit there too, and {@code contactAttributes} are looked at second.
 */
public class FormbricksProvider implements WebhookProvider {

    public static final String NAME = "formbricks";

    private final byte[] key;
    private final Duration tolerance;
    private final ProviderMapping mapping;

    public FormbricksProvider(String secret, Duration tolerance, ProviderMapping mapping) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        this.tolerance = tolerance;
        this.mapping = mapping;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String authenticate(WebhookDelivery delivery, Instant now) {
        String id = delivery.header("webhook-id");
        String timestamp = delivery.header("webhook-timestamp");
        String signatures = delivery.header("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw new WebhookNotAuthenticException("webhook-id, webhook-timestamp and webhook-signature are required");
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            // A number past the range of an instant is no timestamp either, and the delivery is not yet authentic.
            throw new WebhookNotAuthenticException("webhook-timestamp is not Unix seconds");
        }
        if (sentAt.isBefore(now.minus(tolerance)) || sentAt.isAfter(now.plus(tolerance))) {
            throw new WebhookNotAuthenticException("webhook-timestamp is outside the tolerance of " + tolerance);
        }
        byte[] signed = concat(Signatures.utf8(id + "." + timestamp.strip() + "."), delivery.body());
        String expected = Signatures.base64Hmac("HmacSHA256", key, signed);
        for (String candidate : signatures.strip().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma > 0 && "v1".equals(candidate.substring(0, comma))
                    && Signatures.sameText(expected, candidate.substring(comma + 1))) {
                return id;
            }
        }
        throw new WebhookNotAuthenticException("webhook-signature does not match");
    }

    @Override
    public Optional<ResponseRequest> toRequest(WebhookDelivery delivery) {
        JsonNode root = Json.parse(delivery.body());
        // The documentation shows the payload wrapped in an array of one; a bare object is read too.
        JsonNode event = root.isArray() ? root.path(0) : root;
        String type = Json.text(event.path("event"));
        if (!"responseCreated".equals(type) && !"responseUpdated".equals(type) && !"responseFinished".equals(type)) {
            return Optional.empty();
        }
        JsonNode response = event.path("data");
        JsonNode answers = response.path("data");
        JsonNode attributes = response.path("contactAttributes");
        Integer score = Json.score(answers.path(mapping.npsQuestion()), "data.data." + mapping.npsQuestion());
        if (score == null) {
            // A response is created when the first question is answered; until the NPS question is, there is nothing to count.
            return Optional.empty();
        }
        String customerId = field(answers, attributes, mapping.customerIdField());
        if (customerId == null) {
            customerId = Json.text(response.path("contact").path("userId"));
        }
        Instant created = Json.instant(Json.text(response.path("createdAt")), "data.createdAt");
        Instant updated = Json.instant(Json.text(response.path("updatedAt")), "data.updatedAt");
        return Optional.of(new ResponseRequest(
                Json.text(response.path("id")),
                mapping.surveyId() != null ? mapping.surveyId() : Json.text(response.path("surveyId")),
                customerId,
                null,
                null,
                score,
                mapping.commentQuestion() == null ? null : Json.text(answers.path(mapping.commentQuestion())),
                mapping.channel(),
                null,
                created,
                Json.attributes(mapping.attributeFields(), field -> field(answers, attributes, field)),
                null,
                Json.revision(created, updated)));
    }

    private static @Nullable String field(JsonNode answers, JsonNode attributes, String name) {
        String value = Json.text(answers.path(name));
        return value != null ? value : Json.text(attributes.path(name));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

}
