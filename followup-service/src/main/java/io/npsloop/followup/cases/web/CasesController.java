package io.npsloop.followup.cases.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.followup.cases.Actor;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.CaseTransitions;
import io.npsloop.followup.cases.CaseWork;
import io.npsloop.followup.cases.ContactAttempt;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.HandoverRules;
import io.npsloop.followup.cases.InvalidCaseInputException;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agents' work queue, the case actions and the team leads' hand-overs (assign, transfer), each
 * as the {@link Actor} of the bearer token: a case outside the actor's queues is answered 404, as
 * if it did not exist.
 */
@RestController
class CasesController {

    private final CaseWork work;
    private final CaseStore store;
    private final DoNotContactRegister doNotContact;

    CasesController(CaseWork work, CaseStore store, DoNotContactRegister doNotContact) {
        this.work = work;
        this.store = store;
        this.doNotContact = doNotContact;
    }

    private CaseView view(FollowupCase c) {
        return CaseView.of(c, doNotContact.listed(c.customerId()));
    }

    @GetMapping("/api/v1/cases")
    List<CaseView> queue(Actor actor, @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable CaseState state,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        List<FollowupCase> cases = work.queue(actor, queue, state, limit);
        return CaseView.ofAll(cases, doNotContact.listed(cases.stream().map(FollowupCase::customerId).toList()));
    }

    @GetMapping("/api/v1/cases/{caseId}")
    CaseView one(Actor actor, @PathVariable String caseId) {
        return view(work.find(actor, caseId));
    }

    @PostMapping("/api/v1/cases/{caseId}/claim")
    CaseView claim(Actor actor, @PathVariable String caseId) {
        return view(work.claim(actor, caseId));
    }

    @PostMapping("/api/v1/cases/{caseId}/release")
    CaseView release(Actor actor, @PathVariable String caseId) {
        return view(work.release(actor, caseId));
    }

    @PostMapping("/api/v1/cases/{caseId}/contact-attempts")
    CaseView contact(Actor actor, @PathVariable String caseId, @Valid @RequestBody ContactRequest request) {
        return view(work.recordContact(actor, caseId, request.channel(), request.outcome(), request.callbackAt(), request.note()));
    }

    @PostMapping("/api/v1/cases/{caseId}/root-causes")
    CaseView rootCauses(Actor actor, @PathVariable String caseId, @Valid @RequestBody RootCauseRequest request) {
        return view(work.codeRootCauses(actor, caseId, request.categories(), request.otherText()));
    }

    @PostMapping("/api/v1/cases/{caseId}/incentive")
    CaseView incentive(Actor actor, @PathVariable String caseId, @RequestBody(required = false) @Nullable IncentiveRequest request) {
        return view(work.offerIncentive(actor, caseId, request == null ? null : request.accepted()));
    }

    @PostMapping("/api/v1/cases/{caseId}/resolve")
    CaseView resolve(Actor actor, @PathVariable String caseId, @RequestBody(required = false) @Nullable NoteRequest request) {
        return view(work.resolve(actor, caseId, request == null ? null : request.note()));
    }

    @PostMapping("/api/v1/cases/{caseId}/close")
    CaseView close(Actor actor, @PathVariable String caseId, @RequestBody(required = false) @Nullable NoteRequest request) {
        return view(work.close(actor, caseId, request == null ? null : request.note()));
    }

    @PostMapping("/api/v1/cases/{caseId}/reopen")
    CaseView reopen(Actor actor, @PathVariable String caseId, @RequestBody(required = false) @Nullable NoteRequest request) {
        return view(work.reopen(actor, caseId, request == null ? null : request.note()));
    }

    @PostMapping("/api/v1/cases/{caseId}/resurvey")
    CaseView resurvey(Actor actor, @PathVariable String caseId) {
        return view(work.requestResurvey(actor, caseId));
    }

    /** A team lead hands the case to a named agent, replacing any claim. */
    @PostMapping("/api/v1/cases/{caseId}/assign")
    CaseView assign(Actor actor, @PathVariable String caseId, @RequestBody AssignRequest request) {
        requireValid(request.unknownFields(), HandoverRules.assignment(request.agent()));
        return view(work.assign(actor, caseId, request.agent()));
    }

    /** A team lead moves the case to another queue, dropping any claim. */
    @PostMapping("/api/v1/cases/{caseId}/transfer")
    CaseView transfer(Actor actor, @PathVariable String caseId, @RequestBody TransferRequest request) {
        requireValid(request.unknownFields(), HandoverRules.transfer(request.queue(), request.reason()));
        return view(work.transfer(actor, caseId, request.queue(), request.reason()));
    }

    /**
     * Refuses a hand-over naming every bad field at once: fields the endpoint does not know (a
     * misspelt field must not be dropped silently from a request that moves work between people)
     * and fields that break the domain's rules.
     */
    private static void requireValid(@Nullable Map<String, Object> unknownFields,
            List<FieldProblem> problems) {
        List<FieldProblem> all = new ArrayList<>();
        if (unknownFields != null) {
            unknownFields.keySet().forEach(field -> all.add(new FieldProblem(field, "unknown field")));
        }
        all.addAll(problems);
        if (!all.isEmpty()) {
            throw new InvalidCaseInputException(all);
        }
    }

    /**
     * The do-not-survey list: customers with an active case, for team leads and admins to check
     * before a survey goes out.
     */
    @GetMapping("/api/v1/suppressions")
    Suppressions suppressions(@RequestParam(required = false) @Nullable String customerId) {
        Set<String> customers = new TreeSet<>();
        List<FollowupCase> cases = customerId == null ? store.list(null, null) : store.ofCustomer(customerId);
        for (FollowupCase c : cases) {
            if (CaseTransitions.isActive(c.state())) {
                customers.add(c.customerId());
            }
        }
        return new Suppressions(List.copyOf(customers));
    }

    record Suppressions(List<String> customerIds) {
    }

    record ContactRequest(@NotNull ContactAttempt.Channel channel, @NotNull ContactAttempt.Outcome outcome,
            @Nullable Instant callbackAt, @Nullable @Size(max = 2000) String note) {
    }

    record RootCauseRequest(@NotEmpty List<String> categories, @Nullable @Size(max = 500) String otherText) {
    }

    record IncentiveRequest(@Nullable Boolean accepted) {
    }

    record NoteRequest(@Nullable @Size(max = 2000) String note) {
    }

    /** Checked by {@link HandoverRules}; any other field is collected to be refused. */
    record AssignRequest(@Nullable String agent, @JsonAnySetter @Nullable Map<String, Object> unknownFields) {
    }

    record TransferRequest(@Nullable String queue, @Nullable String reason,
            @JsonAnySetter @Nullable Map<String, Object> unknownFields) {
    }
}
