package io.npsloop.platform.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every client error into an RFC 9457 {@code application/problem+json} response that names
 * each bad field in an {@code errors} array of {@code {field, message}}, so a client can fix all
 * of them in one go. Unexpected failures become a 500 problem without internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    public static final URI VALIDATION_TYPE = URI.create("https://npsloop.io/problems/validation");

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(validationProblem(problems));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error ->
                    problems.add(new FieldProblem(String.valueOf(name), String.valueOf(error.getDefaultMessage()))));
        });
        return ResponseEntity.badRequest().body(validationProblem(problems));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        Throwable cause = jsonCause(ex);
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            problem.setType(VALIDATION_TYPE);
            problem.setDetail("Unknown field " + field);
            problem.setProperty("errors", List.of(new FieldProblem(field, "unknown field")));
        } else if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            String field = path(json);
            problem.setType(VALIDATION_TYPE);
            problem.setDetail("Field " + field + " has a value of the wrong type or form");
            problem.setProperty("errors", List.of(new FieldProblem(field, "wrong type or form")));
        } else {
            problem.setDetail("The body is missing or is not well-formed JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.problems()));
    }

    /** Refusals of the security layer raised inside a handler: left to its 401/403 handling, never a 500. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void securityRefusal(RuntimeException ex) {
        throw ex;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("Unexpected failure while handling a request", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be processed; it was not applied.");
        return ResponseEntity.internalServerError().body(problem);
    }

    public static ProblemDetail validationProblem(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(VALIDATION_TYPE);
        problem.setTitle("Invalid request");
        problem.setDetail(problems.size() == 1 ? "1 field is invalid" : problems.size() + " fields are invalid");
        problem.setProperty("errors", problems);
        return problem;
    }

    /**
     * The outermost Jackson exception that knows where in the body it failed: for a value that a
     * deserializer rejects (an enum constant, an ISO duration) the innermost cause is the parse
     * error of the value, which no longer knows the field.
     */
    private static @Nullable Throwable jsonCause(HttpMessageNotReadableException ex) {
        Throwable located = null;
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException) {
                return cause;
            }
            if (located == null && cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                located = cause;
            }
        }
        return located != null ? located : ex.getMostSpecificCause();
    }

    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
