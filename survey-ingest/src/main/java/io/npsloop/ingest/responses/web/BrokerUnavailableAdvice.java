package io.npsloop.ingest.responses.web;

import io.npsloop.platform.messaging.EventNotPublishedException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A response is accepted only once the broker has it. When the broker cannot be reached the client
 * gets 503 with Retry-After, nothing is recorded as accepted, and its retry will be taken as new.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BrokerUnavailableAdvice {

    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(EventNotPublishedException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(EventNotPublishedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The response could not be stored durably right now and was not accepted; retry later.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
