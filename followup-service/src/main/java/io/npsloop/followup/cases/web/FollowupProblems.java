package io.npsloop.followup.cases.web;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.followup.cases.CaseConflictException;
import io.npsloop.followup.cases.CaseNotFoundException;
import io.npsloop.followup.cases.DoNotContactException;
import io.npsloop.followup.cases.ForbiddenActionException;
import io.npsloop.followup.cases.InvalidCaseInputException;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The follow-up domain's refusals as RFC 9457 problems. Ordered before the platform's advice, whose
 * catch-all would otherwise answer them with 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FollowupProblems {

    static final URI CONFLICT = URI.create("https://npsloop.io/problems/case-conflict");

    @ExceptionHandler(CaseConflictException.class)
    ResponseEntity<ProblemDetail> conflict(CaseConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setType(CONFLICT);
        problem.setTitle("Action not allowed in the case's current state");
        problem.setProperty("state", ex.state().name());
        problem.setProperty("action", ex.action().name());
        if (ex.holder() != null) {
            problem.setProperty("claimedBy", ex.holder());
        }
        if (ex.claimedAt() != null) {
            problem.setProperty("claimedAt", ex.claimedAt());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    static final URI DO_NOT_CONTACT = URI.create("https://npsloop.io/problems/do-not-contact");

    /** A contact attempt for a customer on the do-not-contact list: a conflict with its own type, so clients can say why. */
    @ExceptionHandler(DoNotContactException.class)
    ResponseEntity<ProblemDetail> doNotContact(DoNotContactException ex) {
        ResponseEntity<ProblemDetail> answer = conflict(ex);
        ProblemDetail problem = Objects.requireNonNull(answer.getBody());
        problem.setType(DO_NOT_CONTACT);
        problem.setTitle("The customer asked not to be contacted");
        problem.setProperty("doNotContact", true);
        return answer;
    }

    @ExceptionHandler(CaseNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(CaseNotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage()));
    }

    @ExceptionHandler(ForbiddenActionException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenActionException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage()));
    }

    @ExceptionHandler(InvalidCaseInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCaseInputException ex) {
        List<FieldProblem> problems = ex.problems();
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.validationProblem(problems));
    }
}
