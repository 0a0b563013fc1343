package io.npsloop.scoring.nps;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseSubmitted;
import org.jspecify.annotations.Nullable;

/** Test responses with just the fields scoring reads. */
final class Responses {

    private Responses() {
    }

    static ResponseSubmitted response(String responseId, String customerId, int score, Instant answeredAt) {
        return response(responseId, 1, customerId, score, answeredAt, "email", Map.of("region", "EMEA"));
    }

    static ResponseSubmitted response(String responseId, int revision, String customerId, int score, Instant answeredAt,
            @Nullable String channel, Map<String, String> attributes) {
        return new ResponseSubmitted(UUID.randomUUID().toString(), EventTypes.RESPONSE_SUBMITTED, ResponseSubmitted.SCHEMA_VERSION,
                answeredAt, answeredAt, "web", responseId, revision, "s-1", customerId, null, null, score, null, channel,
                null, attributes, null);
    }
}
