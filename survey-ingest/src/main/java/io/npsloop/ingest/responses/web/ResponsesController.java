package io.npsloop.ingest.responses.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;

import io.npsloop.contracts.Contact;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseIntake;
import io.npsloop.platform.web.InvalidRequestException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/responses")
class ResponsesController {

    /** Clocks of source systems drift; anything later than this is a client bug, not a response. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** Until API keys identify the calling system, every response comes from this source. */
    static final String DEFAULT_SOURCE = "api";

    private final ResponseIntake intake;
    private final Clock clock;

    ResponsesController(ResponseIntake intake, Clock clock) {
        this.intake = intake;
        this.clock = clock;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    SubmissionResult submit(@Valid @RequestBody ResponseRequest request) {
        IntakeResult result = intake.accept(DEFAULT_SOURCE, toDomain(request), null);
        return new SubmissionResult(result.responseId(), result.status().wireName());
    }

    private NewResponse toDomain(ResponseRequest request) {
        if (request.respondedAt() != null && request.respondedAt().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            throw new InvalidRequestException("respondedAt", "must not be more than 5 minutes in the future");
        }
        if (request.accountValue() != null) {
            try {
                Currency.getInstance(request.accountValue().currency());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("accountValue.currency", "is not an ISO 4217 currency code");
            }
        }
        var contact = request.contact() == null ? null
                : new Contact(request.contact().name(), request.contact().email(), request.contact().phone());
        return new NewResponse(
                request.responseId(),
                request.surveyId(),
                request.customerId(),
                request.accountId(),
                contact,
                request.score(),
                request.comment(),
                request.channel(),
                request.touchpoint(),
                request.respondedAt(),
                request.attributes() == null ? Map.of() : Map.copyOf(request.attributes()),
                request.accountValue() == null ? null : new BigDecimal(request.accountValue().amount()),
                request.accountValue() == null ? null : request.accountValue().currency(),
                request.revision() == null ? 1 : request.revision());
    }

    record SubmissionResult(String responseId, String status) {
    }
}
