package io.npsloop.ingest.webhooks;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Delighted's {@code survey_response.created} and {@code survey_response.updated} webhooks. Delighted's
 * webhook documentation describes no signature header, so the webhook URL configured in Delighted
 * carries a shared secret, {@code ?token=<secret>}, compared in constant time; replays are caught by
 * {@code event_id}. The customer id is a person property (the person's id when it is absent);
 * {@code created_at}/{@code updated_at} make later edits higher revisions.
 */
public class DelightedProvider implements WebhookProvider {

    public static final String NAME = "delighted";
    static final String TOKEN_PARAMETER = "token";

    private final String token;
    private final ProviderMapping mapping;

    public DelightedProvider(String token, ProviderMapping mapping) {
        this.token = token;
        this.mapping = mapping;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String authenticate(WebhookDelivery delivery, Instant now) {
        String received = delivery.queryParameter(TOKEN_PARAMETER);
        if (received == null || !Signatures.sameText(token, received)) {
            throw new WebhookNotAuthenticException("the token query parameter does not match");
        }
        return Json.text(Json.parse(delivery.body()).path("event_id"));
    }

    @Override
    public Optional<ResponseRequest> toRequest(WebhookDelivery delivery) {
        JsonNode root = Json.parse(delivery.body());
        String type = Json.text(root.path("event_type"));
        JsonNode data = root.path("event_data");
        if (!"survey_response.created".equals(type) && !"survey_response.updated".equals(type)
                || !"nps".equals(Json.text(data.path("survey_type")))) {
            return Optional.empty();
        }
        JsonNode person = data.path("person");
        JsonNode properties = data.path("person_properties");
        String customerId = Json.text(properties.path(mapping.customerIdField()));
        if (customerId == null) {
            customerId = Json.text(person.path("id"));
        }
        Instant created = epochSeconds(data.path("created_at"), "event_data.created_at");
        String name = Json.text(person.path("name"));
        String email = Json.text(person.path("email"));
        return Optional.of(new ResponseRequest(
                Json.text(data.path("id")),
                mapping.surveyId(),
                customerId,
                null,
                name == null && email == null ? null : new ResponseRequest.ContactRequest(name, email, null),
                Json.score(data.path("score"), "event_data.score"),
                Json.text(data.path("comment")),
                mapping.channel(),
                null,
                created,
                Json.attributes(mapping.attributeFields(), field -> Json.text(properties.path(field))),
                null,
                Json.revision(created, epochSeconds(data.path("updated_at"), "event_data.updated_at"))));
    }

    /** Unix seconds; a number that is not finite or past the range of an instant is a bad field, not a failure of ours. */
    private static @Nullable Instant epochSeconds(JsonNode node, String field) {
        if (!node.isNumber()) {
            return null;
        }
        try {
            if (node.isIntegralNumber() ? !node.canConvertToLong() : !Double.isFinite(node.asDouble())) {
                throw new DateTimeException("not a long");
            }
            return Instant.ofEpochSecond(node.isIntegralNumber() ? node.asLong() : (long) node.asDouble());
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field, "is not a time in Unix seconds: " + node);
        }
    }
}
