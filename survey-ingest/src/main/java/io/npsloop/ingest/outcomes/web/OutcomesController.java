package io.npsloop.ingest.outcomes.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.web.AuthenticatedSource;
import io.npsloop.ingest.outcomes.OutcomeChecks;
import io.npsloop.ingest.outcomes.OutcomeIntake;
import io.npsloop.ingest.outcomes.OutcomeMetrics;
import io.npsloop.ingest.outcomes.OutcomeRequest;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.RevisionConflictException;
import io.npsloop.ingest.responses.web.IdempotencyKeys;
import io.npsloop.ingest.responses.web.JsonPaths;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Customer outcomes posted one at a time or in batches; the caller's source comes from its API key,
 * as for responses. The 503s of an unreachable broker or ledger and the 409 of a submission in
 * progress are the responses' ({@code IngestProblemsAdvice}); the conflict is an outcome's own.
 */
@RestController
@RequestMapping("/api/v1/outcomes")
@SecurityRequirement(name = "apiKey")
@ApiResponse(responseCode = "401", description = "Missing or unknown X-API-Key", content = @Content(mediaType = OutcomesController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The key lacks the scope responses:write", content = @Content(mediaType = OutcomesController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "The broker or the ledger is unreachable; nothing was accepted, retry after Retry-After", content = @Content(mediaType = OutcomesController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
class OutcomesController {

    static final String PROBLEM = "application/problem+json";
    static final URI CONFLICT_TYPE = URI.create("https://npsloop.io/problems/outcome-conflict");

    private final OutcomeIntake intake;
    private final OutcomeChecks checks;
    private final OutcomeMetrics metrics;
    private final JsonMapper mapper;
    private final int maxBatchItems;

    OutcomesController(OutcomeIntake intake, OutcomeChecks checks, OutcomeMetrics metrics, JsonMapper mapper, IngestProperties properties) {
        this.intake = intake;
        this.checks = checks;
        this.metrics = metrics;
        this.mapper = mapper;
        this.maxBatchItems = properties.limits().maxBatchItems();
    }

    @Operation(summary = "Record one customer outcome",
            description = "202 once the broker has the outcome. The same outcome sent again answers duplicate and publishes nothing; "
                    + "another body under the same outcomeId is a 409, since an outcome is recorded once and never revised.")
    @ApiResponse(responseCode = "202", description = "Accepted, or a duplicate of an accepted outcome")
    @ApiResponse(responseCode = "400", description = "Invalid request; every bad field is named", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The outcomeId was recorded with another body", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    OutcomeResult submit(@RequestBody OutcomeRequest request,
            @Parameter(in = ParameterIn.HEADER, description = "Identifies a submission of a client that sends no outcomeId")
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String idempotencyKey,
            @Parameter(hidden = true) @RequestAttribute(AuthenticatedSource.ATTRIBUTE) String source) {
        List<FieldProblem> problems = IdempotencyKeys.withProblemOf(idempotencyKey, checks.problems(request));
        if (!problems.isEmpty()) {
            metrics.counted(source, kindOf(request), "rejected");
            throw new InvalidRequestException(problems);
        }
        IntakeResult result = intake.accept(source, request.toNewOutcome(), idempotencyKey);
        return new OutcomeResult(result.responseId(), result.status().wireName());
    }

    @Operation(summary = "Record up to 1,000 customer outcomes",
            description = "Each item is validated and accepted on its own: valid items are published even when others are rejected. "
                    + "200 with a result per index; an outcomeId recorded with another body is rejected naming outcomeId. With the "
                    + "broker unreachable, 503 if nothing could be published, otherwise the items not published are unavailable. "
                    + "With an Idempotency-Key, items without an outcomeId get ids derived from the key and their index.")
    @ApiResponse(responseCode = "200", description = "A result per item")
    @ApiResponse(responseCode = "400", description = "The batch itself is invalid (not a list, empty, too many items)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    OutcomeBatchResult submitBatch(@RequestBody OutcomeBatch batch,
            @Parameter(in = ParameterIn.HEADER, description = "Derives ids for the items without an outcomeId")
            @RequestHeader(name = IdempotencyKeys.HEADER, required = false) @Nullable String idempotencyKey,
            @Parameter(hidden = true) @RequestAttribute(AuthenticatedSource.ATTRIBUTE) String source) {
        List<JsonNode> items = batch.outcomes() == null ? List.of() : batch.outcomes();
        List<FieldProblem> batchProblems = new ArrayList<>();
        if (items.isEmpty() || items.size() > maxBatchItems) {
            batchProblems.add(new FieldProblem("outcomes", "must hold 1 to " + maxBatchItems + " outcomes"));
        }
        batchProblems = IdempotencyKeys.withProblemOf(idempotencyKey, batchProblems);
        if (!batchProblems.isEmpty()) {
            throw new InvalidRequestException(batchProblems);
        }
        OutcomeItem[] results = new OutcomeItem[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<OutcomeRequest> requests = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            OutcomeRequest request = null;
            List<FieldProblem> problems;
            try {
                request = items.get(index) != null && items.get(index).isObject() ? mapper.treeToValue(items.get(index), OutcomeRequest.class) : null;
                problems = request == null ? List.of(new FieldProblem("(item)", "must be a JSON object")) : checks.problems(request);
            } catch (JacksonException e) {
                problems = List.of(JsonPaths.problem(e));
            }
            if (request == null || !problems.isEmpty()) {
                metrics.counted(source, kindOf(request), "rejected");
                results[index] = new OutcomeItem(index, request == null ? null : request.outcomeId(), OutcomeBatchResult.REJECTED, problems);
            } else {
                valid.add(index);
                requests.add(request);
            }
        }
        EventNotPublishedException outage = null;
        if (!valid.isEmpty()) {
            List<IntakeOutcome> outcomes = intake.acceptAll(source, requests.stream().map(OutcomeRequest::toNewOutcome).toList(),
                    valid.stream().map(index -> IdempotencyKeys.ofItem(idempotencyKey, index)).toList());
            for (int n = 0; n < valid.size(); n++) {
                IntakeResult taken = outcomes.get(n).result();
                RuntimeException refusal = outcomes.get(n).refusal();
                if (refusal instanceof EventNotPublishedException notPublished && outage == null) {
                    outage = notPublished;
                }
                results[valid.get(n)] = taken != null
                        ? new OutcomeItem(valid.get(n), taken.responseId(), taken.status().wireName(), null)
                        : refusal instanceof RevisionConflictException conflict
                                ? new OutcomeItem(valid.get(n), conflict.responseId(), OutcomeBatchResult.REJECTED, List.of(OutcomeIntake.conflictProblem(conflict)))
                                // Not published: nothing of it counts as accepted, and sending the item again is safe.
                                : new OutcomeItem(valid.get(n), requests.get(n).outcomeId(), OutcomeBatchResult.UNAVAILABLE, null);
            }
        }
        OutcomeBatchResult result = OutcomeBatchResult.of(List.of(results));
        if (outage != null && result.accepted() == 0) {
            throw outage;
        }
        return result;
    }

    /** Outcomes are never revised, so a second body under one id is a mistake of the sender, not an update. */
    @ExceptionHandler(RevisionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RevisionConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, OutcomeIntake.conflictProblem(ex).message());
        problem.setType(CONFLICT_TYPE);
        problem.setTitle("Outcome conflict");
        problem.setProperty("outcomeId", ex.responseId());
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The kind a rejected outcome named, for the counter's tag; null when it named none. */
    private static @Nullable OutcomeKind kindOf(@Nullable OutcomeRequest request) {
        if (request == null || request.outcome() == null) {
            return null;
        }
        try {
            return OutcomeKind.valueOf(request.outcome().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The answer to a single outcome: {@code accepted} or {@code duplicate}. */
    record OutcomeResult(String outcomeId, String status) {
    }

    /** The body of the batch endpoint; items are read one by one, so a malformed item is rejected on its own. */
    record OutcomeBatch(@ArraySchema(schema = @Schema(implementation = OutcomeRequest.class), maxItems = 1000) @Nullable List<JsonNode> outcomes) {
    }

    /** Counts per status and a result per item, in the order sent. */
    record OutcomeBatchResult(int accepted, int duplicate, int rejected, int unavailable, List<OutcomeItem> results) {

        static final String REJECTED = "rejected";
        static final String UNAVAILABLE = "unavailable";

        static OutcomeBatchResult of(List<OutcomeItem> results) {
            int[] counts = new int[4];
            List<String> order = List.of("accepted", "duplicate", REJECTED, UNAVAILABLE);
            results.forEach(item -> counts[order.indexOf(item.status())]++);
            return new OutcomeBatchResult(counts[0], counts[1], counts[2], counts[3], List.copyOf(results));
        }
    }

    /** One item's outcome: accepted, duplicate, rejected (with its errors) or unavailable. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OutcomeItem(int index, @Nullable String outcomeId, String status, @Nullable List<FieldProblem> errors) {
    }
}
