package io.npsloop.ingest.webhooks.web;

import io.npsloop.ingest.webhooks.UnknownProviderException;
import io.npsloop.ingest.webhooks.WebhookNotAuthenticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.RestClientException;

/** RFC 9457 answers for what only webhooks can get wrong; bad payload fields go through the platform's 400 handler. */
@RestControllerAdvice(assignableTypes = WebhooksController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(WebhookProblemAdvice.class);

    @ExceptionHandler(WebhookNotAuthenticException.class)
    ResponseEntity<ProblemDetail> notAuthentic(WebhookNotAuthenticException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, ex.getMessage());
        problem.setTitle("Webhook not authenticated");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
    }

    @ExceptionHandler(UnknownProviderException.class)
    ResponseEntity<ProblemDetail> unknownProvider(UnknownProviderException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Unknown webhook provider");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(WebhooksController.WebhookBodyTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(WebhooksController.WebhookBodyTooLargeException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
        problem.setTitle("Delivery too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    /** The tool's API did not give us the response: a 502 makes the tool deliver again later. */
    @ExceptionHandler(RestClientException.class)
    ResponseEntity<ProblemDetail> toolUnavailable(RestClientException ex) {
        log.warn("Could not read a response from a survey tool's API: {}", ex.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The survey tool's API did not return the response; deliver again later.");
        problem.setTitle("Survey tool unavailable");
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
    }
}
