package io.npsloop.ingest.apikeys.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.MongoException;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.ApiKeyAdministration;
import io.npsloop.ingest.apikeys.ApiKeyDescription;
import io.npsloop.ingest.apikeys.ApiKeyNameTakenException;
import io.npsloop.ingest.apikeys.ApiKeyProblemsException;
import io.npsloop.ingest.apikeys.ConfiguredApiKeyException;
import io.npsloop.ingest.apikeys.IssuedApiKey;
import io.npsloop.ingest.apikeys.UnknownApiKeyException;
import io.npsloop.ingest.web.ProblemResponses;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Source systems' API keys for admins: create one (the key is in the answer, once), list them,
 * read one, revoke one. Configured keys are listed too and can only be changed in the configuration.
 * Rotation is create, switch the source system over, revoke the old key.
 */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
@SecurityRequirement(name = ApiKeysOpenApi.BEARER)
@ApiResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = ApiKeysController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks the admin role", content = @Content(mediaType = ApiKeysController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
@ApiResponse(responseCode = "503", description = "The key store is unreachable; nothing was changed, retry after Retry-After", content = @Content(mediaType = ApiKeysController.PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
class ApiKeysController {

    static final String PATH = "/api/v1/admin/api-keys";
    static final String PROBLEM = "application/problem+json";
    static final URI NAME_TAKEN = URI.create("https://npsloop.io/problems/api-key-name-taken");
    static final URI CONFIGURED = URI.create("https://npsloop.io/problems/api-key-configured");

    private static final Logger log = LoggerFactory.getLogger(ApiKeysController.class);

    private final ApiKeyAdministration administration;
    private final String retryAfter;

    ApiKeysController(ApiKeyAdministration administration, IngestProperties properties) {
        this.administration = administration;
        this.retryAfter = ProblemResponses.retryAfterSeconds(properties.retryAfter());
    }

    @Operation(operationId = "createApiKey", summary = "Create a source system's API key",
            description = "201 with the key in `key`: it is shown this once and kept nowhere, only its SHA-256 is stored. "
                    + "It authenticates on this instance at once and on every other one within nps.ingest.api-key-refresh.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = NewApiKey.class)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the key")
    @ApiResponse(responseCode = "400", description = "Invalid request; every bad field is named", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "A configured or managed key has the name (revoked keys keep theirs)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiKeyView> create(Principal who, @RequestBody(required = false) @Nullable JsonNode body) {
        ApiKeyRequestJson.Read read = ApiKeyRequestJson.read(body);
        if (!read.problems().isEmpty()) {
            throw new ApiKeyProblemsException(read.problems());
        }
        IssuedApiKey issued = administration.create(read.request(), who.getName());
        log.info("API key {} for source {} created", issued.description().name(), issued.description().source());
        return ResponseEntity.created(URI.create(PATH + "/" + issued.description().name()))
                // The answer holds the key itself: no cache along the way may keep it.
                .cacheControl(CacheControl.noStore())
                .body(ApiKeyView.of(issued.description(), issued.key()));
    }

    @Operation(operationId = "listApiKeys", summary = "Every API key, configured and managed, revoked ones included; never a key or its hash")
    @ApiResponse(responseCode = "200", description = "Configured keys first, then managed keys by name")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<ApiKeyView> list() {
        return administration.list().stream().map(description -> ApiKeyView.of(description, null)).toList();
    }

    @Operation(operationId = "getApiKey", summary = "One API key")
    @ApiResponse(responseCode = "200", description = "The key's description")
    @ApiResponse(responseCode = "404", description = "No key has the name", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = "/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiKeyView one(@PathVariable String name) {
        return administration.find(name).map(description -> ApiKeyView.of(description, null))
                .orElseThrow(() -> new UnknownApiKeyException(name));
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke a managed API key",
            description = "It is refused (401) on this instance at once and on every other one within nps.ingest.api-key-refresh. "
                    + "Revoking a revoked key changes nothing. A configured key is removed from the configuration instead (409).")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No key has the name", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The key is a configured one", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping("/{name}")
    ResponseEntity<Void> revoke(Principal who, @PathVariable String name) {
        ApiKeyDescription revoked = administration.revoke(name, who.getName());
        log.info("API key {} revoked (at {})", name, revoked.revokedAt());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ApiKeyProblemsException.class)
    ResponseEntity<ProblemDetail> invalid(ApiKeyProblemsException e) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.validationProblem(
                e.problems()));
    }

    /** A body that is not JSON at all; everything that is JSON is read field by field ({@link ApiKeyRequestJson}). */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable request body", "The body is missing or is not well-formed JSON", null);
    }

    @ExceptionHandler(ApiKeyNameTakenException.class)
    ResponseEntity<ProblemDetail> nameTaken(ApiKeyNameTakenException e) {
        return problem(HttpStatus.CONFLICT, "Name taken", e.getMessage(), NAME_TAKEN);
    }

    @ExceptionHandler(ConfiguredApiKeyException.class)
    ResponseEntity<ProblemDetail> configured(ConfiguredApiKeyException e) {
        return problem(HttpStatus.CONFLICT, "Configured key", e.getMessage(), CONFIGURED);
    }

    @ExceptionHandler(UnknownApiKeyException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownApiKeyException e) {
        return problem(HttpStatus.NOT_FOUND, "No such key", e.getMessage(), null);
    }

    @ExceptionHandler(MongoException.class)
    ResponseEntity<ProblemDetail> storeUnavailable(MongoException e) {
        log.warn("API key store unavailable, answering 503: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The key store cannot be reached right now; retry later.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, @Nullable URI type) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (type != null) {
            problem.setType(type);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The wire form of a request for a key, for the OpenAPI document; the body is read by {@link ApiKeyRequestJson}. */
    @Schema(name = "NewApiKey", description = "A request for a source system's key")
    record NewApiKey(
            @Schema(description = "Unique among configured and managed keys, revoked ones included; [a-z0-9][a-z0-9_.-]{0,63}",
                    example = "crm-2026-03", requiredMode = Schema.RequiredMode.REQUIRED) String name,
            @Schema(description = "Source recorded on the key's responses; [a-z0-9][a-z0-9_.-]{0,63}", example = "crm",
                    requiredMode = Schema.RequiredMode.REQUIRED) String source,
            @Schema(description = "At least one of responses:write, responses:import", example = "[\"responses:write\"]",
                    requiredMode = Schema.RequiredMode.REQUIRED) List<String> scopes,
            @Schema(description = "The key's own rate; absent: the service's default (nps.ingest.rate-limit)") @Nullable Rate rateLimit) {
    }

    /** A key's rate on the wire. */
    @Schema(name = "ApiKeyRateLimit")
    record Rate(@Schema(description = "Requests per period, at least 1", example = "50") int permits,
            @Schema(description = "ISO-8601 duration from PT0.001S to PT24H", example = "PT1S") String period) {
    }

    /** A key as admins see it; {@code key} only in the answer to its creation. */
    @Schema(name = "ApiKey")
    record ApiKeyView(
            String name,
            String source,
            List<String> scopes,
            @Schema(description = "The rate that applies: the key's own, else the service's default") Rate rateLimit,
            @Schema(allowableValues = {"configuration", "managed"}) String origin,
            @Schema(description = "Authenticates now: not revoked (and not a managed key whose name the configuration took)") boolean active,
            @Nullable Instant createdAt,
            @Nullable String createdBy,
            @Nullable Instant revokedAt,
            @Nullable String revokedBy,
            @Schema(description = "Last authenticated request, recorded every nps.ingest.api-key-refresh") @Nullable Instant lastUsedAt,
            @Schema(description = "The key itself: only in the answer to its creation, shown this once", example = "nps_3q2-7wF...")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable String key) {

        static ApiKeyView of(ApiKeyDescription description, @Nullable String key) {
            return new ApiKeyView(description.name(), description.source(), description.scopes().stream().sorted().toList(),
                    new Rate(description.rateLimit().permits(), description.rateLimit().period().toString()),
                    description.origin().name().toLowerCase(Locale.ROOT), description.active(),
                    description.createdAt(), description.createdBy(), description.revokedAt(), description.revokedBy(),
                    description.lastUsedAt(), key);
        }
    }
}
