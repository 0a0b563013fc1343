package io.npsloop.ingest.responses.web;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.web.AuthenticatedSource;
import io.npsloop.ingest.responses.IntakeMetrics;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseIntake;
import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.ingest.responses.RevisionConflictException;
import io.npsloop.ingest.responses.SubmissionGrouping;
import io.npsloop.ingest.responses.SubmissionInProgressException;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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

/** Submits responses one at a time or in batches; the caller's source comes from its API key. */
@RestController
@RequestMapping("/api/v1/responses")
@SecurityRequirement(name = "apiKey")
@ApiResponse(responseCode = "401", description = "Missing or unknown X-API-Key", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The key lacks the scope responses:write", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "413", description = "Body over the size limit", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "415", description = "Content type other than application/json", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "429", description = "The key is over its rate; see Retry-After", content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
class ResponsesController {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsesController.class);

    static final String IDEMPOTENCY_KEY = IdempotencyKeys.HEADER;
    private static final String PROBLEM = "application/problem+json";

    private final ResponseIntake intake;
    private final SubmissionGrouping singleSubmissions;
    private final ResponseChecks requests;
    private final IntakeMetrics metrics;
    private final JsonMapper mapper;
    private final int maxBatchItems;

    ResponsesController(ResponseIntake intake, SubmissionGrouping singleSubmissions, ResponseChecks requests, IntakeMetrics metrics,
            JsonMapper mapper, IngestProperties properties) {
        this.intake = intake;
        this.singleSubmissions = singleSubmissions;
        this.requests = requests;
        this.metrics = metrics;
        this.mapper = mapper;
        this.maxBatchItems = properties.limits().maxBatchItems();
    }

    @Operation(summary = "Submit one response",
            description = "202 once the broker has the response. The same response sent again answers duplicate and publishes nothing; "
                    + "a higher revision answers updated; a lower or equal revision with another body is a 409.")
    @ApiResponse(responseCode = "202", description = "Accepted, updated or a duplicate of an accepted response")
    @ApiResponse(responseCode = "400", description = "Invalid request; every bad field is named", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Revision conflict", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The broker is unreachable or the service is too busy; nothing was accepted, retry after Retry-After", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    SubmissionResult submit(@RequestBody ResponseRequest request,
            @Parameter(in = ParameterIn.HEADER, description = "Identifies a submission of a client that sends no responseId")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @Parameter(hidden = true) @RequestAttribute(AuthenticatedSource.ATTRIBUTE) String source) {
        List<FieldProblem> problems = IdempotencyKeys.withProblemOf(idempotencyKey, requests.problems(request));
        if (!problems.isEmpty()) {
            metrics.counted(source, request.channel(), "rejected");
            throw new InvalidRequestException(problems);
        }
        // Grouped with concurrent submissions for the intake; the answer is still this response's own.
        IntakeResult result = singleSubmissions.submit(source, requests.toNewResponse(request), idempotencyKey);
        return new SubmissionResult(result.responseId(), result.status().wireName());
    }

    @Operation(summary = "Submit up to 1,000 responses",
            description = "Each item is validated and accepted on its own: valid items are published even when others are rejected. "
                    + "200 with a result per index. With the broker unreachable, 503 if nothing could be published, otherwise "
                    + "the items not published are marked unavailable. With an Idempotency-Key, items without a responseId get "
                    + "ids derived from the key and their index, so the whole batch can be retried.")
    @ApiResponse(responseCode = "200", description = "A result per item")
    @ApiResponse(responseCode = "400", description = "The batch itself is invalid (not a list, empty, too many items)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The broker is unreachable and nothing was published", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResult submitBatch(@RequestBody BatchRequest batch,
            @Parameter(in = ParameterIn.HEADER, description = "Derives ids for the items without a responseId")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @Parameter(hidden = true) @RequestAttribute(AuthenticatedSource.ATTRIBUTE) String source) {
        List<FieldProblem> batchProblems = new ArrayList<>();
        if (batch.responses() == null || batch.responses().isEmpty()) {
            batchProblems.add(new FieldProblem("responses", "must hold at least one response"));
        } else if (batch.responses().size() > maxBatchItems) {
            batchProblems.add(new FieldProblem("responses", "must hold at most " + maxBatchItems + " responses"));
        }
        batchProblems = IdempotencyKeys.withProblemOf(idempotencyKey, batchProblems);
        if (!batchProblems.isEmpty()) {
            throw new InvalidRequestException(batchProblems);
        }
        ItemResult[] results = new ItemResult[batch.responses().size()];
        List<Integer> valid = new ArrayList<>();
        List<ResponseRequest> validRequests = new ArrayList<>();
        for (int index = 0; index < batch.responses().size(); index++) {
            JsonNode item = batch.responses().get(index);
            if (item == null || !item.isObject()) {
                metrics.counted(source, null, "rejected");
                results[index] = ItemResult.rejected(index, null, List.of(new FieldProblem("(item)", "must be a JSON object")));
                continue;
            }
            ResponseRequest request;
            try {
                request = mapper.treeToValue(item, ResponseRequest.class);
            } catch (JacksonException e) {
                metrics.counted(source, null, "rejected");
                results[index] = ItemResult.rejected(index, null, List.of(JsonPaths.problem(e)));
                continue;
            }
            List<FieldProblem> problems = requests.problems(request);
            if (!problems.isEmpty()) {
                metrics.counted(source, request.channel(), "rejected");
                results[index] = ItemResult.rejected(index, request.responseId(), problems);
                continue;
            }
            valid.add(index);
            validRequests.add(request);
        }
        EventNotPublishedException outage = null;
        if (!valid.isEmpty()) {
            // The valid items together: one ledger write, their events sent together and awaited together.
            List<@Nullable String> itemKeys = valid.stream().map(index -> IdempotencyKeys.ofItem(idempotencyKey, index)).toList();
            List<IntakeOutcome> outcomes = intake.acceptAll(source, validRequests.stream().map(requests::toNewResponse).toList(), itemKeys);
            for (int n = 0; n < valid.size(); n++) {
                int index = valid.get(n);
                ResponseRequest request = validRequests.get(n);
                IntakeOutcome outcome = outcomes.get(n);
                IntakeResult taken = outcome.result();
                RuntimeException refusal = outcome.refusal();
                if (taken != null) {
                    results[index] = ItemResult.of(index, taken.responseId(), taken.status().wireName());
                } else if (refusal instanceof RevisionConflictException conflict) {
                    results[index] = ItemResult.rejected(index, conflict.responseId(), List.of(new FieldProblem("revision", conflict.getMessage())));
                } else {
                    // Not published (broker unavailable, another request publishing the same response, or a store
                    // failure): nothing of it counts as accepted, and sending the item again is safe.
                    if (refusal instanceof EventNotPublishedException notPublished && outage == null) {
                        outage = notPublished;
                    } else if (!(refusal instanceof SubmissionInProgressException) && !(refusal instanceof EventNotPublishedException)) {
                        LOG.warn("Batch item {} of source {} not taken", index, source, refusal);
                    }
                    results[index] = ItemResult.of(index, request.responseId(), BatchResult.UNAVAILABLE);
                }
            }
        }
        BatchResult result = BatchResult.of(List.of(results));
        if (outage != null && result.accepted() + result.updated() == 0) {
            throw outage;
        }
        return result;
    }

    /** The answer to a single submission. */
    record SubmissionResult(String responseId, String status) {
    }
}
