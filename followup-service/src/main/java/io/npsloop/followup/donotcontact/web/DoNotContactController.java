package io.npsloop.followup.donotcontact.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.followup.cases.Actor;
import io.npsloop.followup.cases.InvalidCaseInputException;
import io.npsloop.followup.donotcontact.DoNotContactEntry;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The do-not-contact list by customer: leads and admins put customers on it and take them off
 * (both idempotent), agents may ask whether a customer is on it. Who listed a customer is the
 * person of the token.
 */
@RestController
class DoNotContactController {

    private final DoNotContactRegister register;

    DoNotContactController(DoNotContactRegister register) {
        this.register = register;
    }

    @PutMapping("/api/v1/do-not-contact/{customerId}")
    EntryView list(Actor actor, @PathVariable String customerId, @RequestBody ListingRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.unknownFields() != null) {
            request.unknownFields().keySet()
                    .forEach(field -> problems.add(new FieldProblem(field, "unknown field")));
        }
        problems.addAll(DoNotContactRegister.check(customerId, request.reason(), request.note()));
        if (!problems.isEmpty()) {
            throw new InvalidCaseInputException(problems);
        }
        return EntryView.of(register.list(customerId, String.valueOf(request.reason()), request.note(), actor.username()));
    }

    @GetMapping("/api/v1/do-not-contact/{customerId}")
    ResponseEntity<?> find(@PathVariable String customerId) {
        return register.find(customerId).<ResponseEntity<?>>map(entry -> ResponseEntity.ok(EntryView.of(entry)))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                        HttpStatus.NOT_FOUND, "The customer is not on the do-not-contact list")));
    }

    /** Taking a customer off the list twice, or one who was never on it, is the same: 204. */
    @DeleteMapping("/api/v1/do-not-contact/{customerId}")
    ResponseEntity<Void> remove(@PathVariable String customerId) {
        register.remove(customerId);
        return ResponseEntity.noContent().build();
    }

    /** Any field but these is collected to be refused: a misspelt one must not be dropped silently. */
    record ListingRequest(@Nullable String reason, @Nullable String note,
            @JsonAnySetter @Nullable Map<String, Object> unknownFields) {
    }

    record EntryView(String customerId, String reason, @Nullable String note, String listedBy, Instant listedAt,
            @Nullable String caseId) {

        static EntryView of(DoNotContactEntry e) {
            return new EntryView(e.customerId(), e.reason().name(), e.note(), e.listedBy(), e.listedAt(), e.caseId());
        }
    }
}
