package io.npsloop.ingest.erasures.web;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.npsloop.contracts.CustomerErasureRequested;
import io.npsloop.contracts.EventTypes;
import io.npsloop.ingest.erasures.Erasure;
import io.npsloop.ingest.erasures.ErasureStore;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventPublisher;
import io.npsloop.platform.privacy.ErasureConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/erasures}: an admin asks to erase a customer. The audit record is written,
 * the request goes to every service on {@code nps.erasures.v1}, and {@code GET /api/v1/erasures/{id}}
 * shows who asked, when, and what each service erased; {@code complete} once all have reported.
 */
@RestController
@Validated
@RequestMapping("/api/v1/erasures")
class ErasuresController {

    private final ErasureStore store;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Set<String> services;

    ErasuresController(ErasureStore store, EventPublisher publisher, Clock clock,
            @Value("${nps.ingest.erasure.services:survey-ingest,scoring-service,alerting-service,followup-service,reporting-service}")
            Set<String> services) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.services = Set.copyOf(services);
    }

    record ErasureRequest(@NotBlank @Size(max = 200) String customerId, @Nullable @Size(max = 500) String reason) {
    }

    record ErasureView(String erasureId, String customerId, String requestedBy, Instant requestedAt, @Nullable String reason,
            boolean complete, Set<String> pending, List<Erasure.Receipt> receipts) {
    }

    @PostMapping
    ResponseEntity<ErasureView> request(Principal who, @Valid @RequestBody ErasureRequest request) {
        Instant now = clock.instant();
        Erasure erasure = new Erasure(UUID.randomUUID().toString(), request.customerId().strip(), who.getName(), now,
                request.reason(), List.of());
        store.create(erasure);
        CustomerErasureRequested event = new CustomerErasureRequested(erasure.erasureId(), EventTypes.CUSTOMER_ERASURE_REQUESTED,
                CustomerErasureRequested.SCHEMA_VERSION, now, erasure.erasureId(), erasure.customerId(), who.getName());
        publisher.publish(ErasureConfiguration.OUTPUT_BINDING, event, erasure.erasureId(), event.eventId(), event.eventType(), now);
        return ResponseEntity.accepted().location(URI.create("/api/v1/erasures/" + erasure.erasureId())).body(view(erasure));
    }

    @GetMapping("/{erasureId}")
    ResponseEntity<ErasureView> one(@PathVariable String erasureId) {
        Erasure erasure = store.find(erasureId);
        return erasure == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(view(erasure));
    }

    @GetMapping
    List<ErasureView> latest(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.latest(limit).stream().map(this::view).toList();
    }

    /** The request is recorded but could not be sent: the admin repeats it once the broker is back. */
    @ExceptionHandler(EventNotPublishedException.class)
    ResponseEntity<ProblemDetail> unavailable(EventNotPublishedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The erasure request could not be sent to the services; send it again shortly.");
        problem.setTitle("Temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "10").body(problem);
    }

    private ErasureView view(Erasure erasure) {
        Set<String> pending = erasure.pending(services);
        return new ErasureView(erasure.erasureId(), erasure.customerId(), erasure.requestedBy(), erasure.requestedAt(),
                erasure.reason(), pending.isEmpty(), pending, erasure.receipts());
    }
}
