package io.npsloop.ingest.responses;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseSubmitted;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated response into a {@link ResponseSubmitted} event and publishes it. The event id
 * is derived from source, response id and revision, so the same submission always yields the same
 * event id and every consumer can recognise a second copy of it.
 */
public class ResponseIntake {

    private final ResponsePublisher publisher;
    private final Clock clock;

    public ResponseIntake(ResponsePublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Accepts a response from a source system. {@code idempotencyKey} (from the Idempotency-Key
     * header) identifies a submission of a client that sends no response id; null when absent.
     */
    public IntakeResult accept(String source, NewResponse response, @Nullable String idempotencyKey) {
        Instant now = clock.instant();
        String responseId = response.responseId() != null ? response.responseId() : UUID.randomUUID().toString();
        Instant respondedAt = response.respondedAt() != null ? response.respondedAt() : now;
        Money accountValue = response.accountValueAmount() == null || response.accountValueCurrency() == null
                ? null
                : new Money(response.accountValueAmount(), response.accountValueCurrency());
        ResponseSubmitted event = new ResponseSubmitted(
                eventId(source, responseId, response.revision()),
                EventTypes.RESPONSE_SUBMITTED,
                ResponseSubmitted.SCHEMA_VERSION,
                respondedAt,
                now,
                source,
                responseId,
                response.revision(),
                response.surveyId(),
                response.customerId(),
                response.accountId(),
                response.contact(),
                response.score(),
                response.comment(),
                response.channel(),
                response.touchpoint(),
                response.attributes(),
                accountValue);
        publisher.publish(event);
        return new IntakeResult(event.responseId(), IntakeResult.Status.ACCEPTED);
    }

    static String eventId(String source, String responseId, int revision) {
        return UUID.nameUUIDFromBytes((source + "\u0000" + responseId + "\u0000" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
