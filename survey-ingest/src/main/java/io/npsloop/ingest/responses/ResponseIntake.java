package io.npsloop.ingest.responses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseSubmitted;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated response into a {@link ResponseSubmitted} event and publishes it exactly once
 * per source, response id and revision, by the rules of {@link LedgeredIntake}.
 *
 * <p>A response about a customer who was erased is published and kept under the customer's
 * pseudonym, without contact data or comment ({@link NewResponse#pseudonymised}), and still counts
 * in every figure.
 */
public class ResponseIntake extends LedgeredIntake<NewResponse, ResponseSubmitted> {

    /**
     * {@code lease} is how long a pending submission belongs to the request publishing it; it must
     * exceed the longest a publish can take (the producer's max.block.ms plus delivery.timeout.ms).
     */
    public ResponseIntake(SubmissionLedger<ResponseSubmitted> ledger, ResponsePublisher publisher, IntakeMetrics metrics,
            Pseudonyms pseudonyms, Clock clock, Duration lease) {
        super(ledger, publisher, new Kind<>(NewResponse::responseId, NewResponse::revision, Fingerprints::of, NewResponse::customerId,
                ResponseSubmitted::customerId, ResponseIntake::event,
                (source, response, status) -> metrics.counted(source, response.channel(), status), metrics::published),
                pseudonyms, clock, lease);
    }

    private static ResponseSubmitted event(String source, String responseId, NewResponse received, @Nullable String pseudonym, Instant now) {
        NewResponse response = pseudonym == null ? received : received.pseudonymised(pseudonym);
        Instant respondedAt = response.respondedAt() != null ? response.respondedAt() : now;
        Money accountValue = response.accountValueAmount() == null || response.accountValueCurrency() == null
                ? null
                : new Money(response.accountValueAmount(), response.accountValueCurrency());
        return new ResponseSubmitted(
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
    }
}
