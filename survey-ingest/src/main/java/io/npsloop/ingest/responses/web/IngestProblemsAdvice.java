package io.npsloop.ingest.responses.web;

import java.net.URI;
import java.util.List;

import com.mongodb.MongoException;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.responses.IntakeBusyException;
import io.npsloop.ingest.responses.RevisionConflictException;
import io.npsloop.ingest.responses.SubmissionInProgressException;
import io.npsloop.ingest.web.ProblemResponses;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The intake's own failures as problems. A response is accepted only once the broker has it: when
 * the broker (or the ledger's database) cannot be reached the client gets 503 with Retry-After,
 * nothing is recorded as accepted, and its retry publishes the response exactly once.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IngestProblemsAdvice {

    public static final URI CONFLICT_TYPE = URI.create("https://npsloop.io/problems/revision-conflict");

    private static final Logger log = LoggerFactory.getLogger(IngestProblemsAdvice.class);

    private final String retryAfter;

    IngestProblemsAdvice(IngestProperties properties) {
        this.retryAfter = ProblemResponses.retryAfterSeconds(properties.retryAfter());
    }

    @ExceptionHandler(EventNotPublishedException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(EventNotPublishedException ex) {
        log.warn("Broker unavailable, answering 503: {}", ex.getMessage());
        return unavailable("The submission could not be stored durably right now and was not accepted; retry later.");
    }

    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> ledgerUnavailable(MongoException ex) {
        log.warn("Submission ledger unavailable, answering 503: {}", ex.getMessage());
        return unavailable("The response could not be checked against earlier submissions right now and was not accepted; retry later.");
    }

    @ExceptionHandler(IntakeBusyException.class)
    ResponseEntity<ProblemDetail> busy(IntakeBusyException ex) {
        log.warn("Single submission refused before the intake, answering 503: {}", ex.getMessage());
        return unavailable(ex.getMessage());
    }

    @ExceptionHandler(SubmissionInProgressException.class)
    ResponseEntity<ProblemDetail> inProgress(SubmissionInProgressException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Submission in progress");
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(RevisionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RevisionConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(CONFLICT_TYPE);
        problem.setTitle("Revision conflict");
        problem.setProperty("responseId", ex.responseId());
        problem.setProperty("revision", ex.revision());
        problem.setProperty("storedRevision", ex.storedRevision());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * Names the field of a body that is valid JSON but not a valid response, wherever in the cause
     * chain the parser's error sits (a malformed timestamp is wrapped twice), and says so when a
     * body broke the parser's limits; everything else is malformed JSON.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The body exceeds a limit on nesting depth, string or number length.");
                problem.setTitle("Unreadable request body");
                return ResponseEntity.badRequest().body(problem);
            }
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                String field = JsonPaths.of(json);
                String message = cause instanceof UnrecognizedPropertyException ? "unknown field" : "wrong type or form";
                return ResponseEntity.badRequest().body(ProblemDetailsAdvice.validationProblem(List.of(new FieldProblem(field, message))));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is missing or is not well-formed JSON");
        problem.setTitle("Unreadable request body");
        return ResponseEntity.badRequest().body(problem);
    }

    private ResponseEntity<ProblemDetail> unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter).body(problem);
    }
}
