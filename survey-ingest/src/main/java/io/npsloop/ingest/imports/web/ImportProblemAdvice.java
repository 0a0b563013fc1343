package io.npsloop.ingest.imports.web;

import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.imports.ImportFileException;
import io.npsloop.ingest.imports.ImportInterruptedException;
import io.npsloop.ingest.web.ProblemResponses;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problems of a whole import file, each with the report of what was applied before it. */
@RestControllerAdvice(assignableTypes = {ImportController.class, OutcomeImportController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblemAdvice {

    private final String retryAfter;

    ImportProblemAdvice(IngestProperties properties) {
        this.retryAfter = ProblemResponses.retryAfterSeconds(properties.retryAfter());
    }

    @ExceptionHandler(ImportFileException.class)
    ResponseEntity<ProblemDetail> invalidFile(ImportFileException ex) {
        ProblemDetail problem = ProblemDetailsAdvice.validationProblem(ex.problems());
        problem.setTitle("Invalid import file");
        problem.setProperty("report", ex.report());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(ImportInterruptedException.class)
    ResponseEntity<ProblemDetail> interrupted(ImportInterruptedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The broker could not take line " + ex.line() + "; the rows before it are accepted. "
                        + "Send the same file again later: rows already accepted count as duplicates.");
        problem.setTitle("Temporarily unavailable");
        problem.setProperty("report", ex.report());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(problem);
    }
}
