package io.npsloop.followup.rootcauses.web;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.followup.cases.Actor;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.CaseWork;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.ForbiddenActionException;
import io.npsloop.followup.rootcauses.PhraseMiner;
import io.npsloop.followup.rootcauses.RootCause;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.followup.rootcauses.RootCauseTaxonomy;
import io.npsloop.platform.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The root-cause taxonomy (reads open, changes for leads and admins) and the "other" text suggestions. */
@RestController
class RootCausesController {

    private final RootCauseStore store;
    private final CaseStore cases;
    private final CaseWork work;

    RootCausesController(RootCauseStore store, CaseStore cases, CaseWork work) {
        this.store = store;
        this.cases = cases;
        this.work = work;
    }

    @GetMapping("/api/v1/root-causes")
    List<RootCause> all() {
        return store.all();
    }

    @PostMapping("/api/v1/root-causes")
    @ResponseStatus(HttpStatus.CREATED)
    RootCause create(Actor actor, @Valid @RequestBody CreateRequest request) {
        requireSupervisor(actor);
        return create(request.id(), request.name());
    }

    @PutMapping("/api/v1/root-causes/{id}")
    RootCause rename(Actor actor, @PathVariable String id, @Valid @RequestBody RenameRequest request) {
        requireSupervisor(actor);
        if (!store.rename(id, request.name())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No root cause " + id);
        }
        return store.find(id).orElseThrow();
    }

    @PostMapping("/api/v1/root-causes/{id}/deactivate")
    RootCause deactivate(Actor actor, @PathVariable String id) {
        requireSupervisor(actor);
        if (RootCause.OTHER.equals(id)) {
            throw new InvalidRequestException("id", "the category other cannot be deactivated");
        }
        if (!store.deactivate(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No root cause " + id);
        }
        return store.find(id).orElseThrow();
    }

    @GetMapping("/api/v1/root-causes/suggestions")
    List<PhraseMiner.Suggestion> suggestions(@RequestParam(defaultValue = "2") @Min(1) int minCount,
            @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        return PhraseMiner.suggest(otherTexts(), minCount, limit);
    }

    /** Creates a category from a suggested phrase and, if asked, recodes the "other" cases that mention it. */
    @PostMapping("/api/v1/root-causes/suggestions/promote")
    @ResponseStatus(HttpStatus.CREATED)
    Promotion promote(Actor actor, @Valid @RequestBody PromoteRequest request) {
        requireSupervisor(actor);
        RootCause created = create(null, request.name());
        List<String> recoded = new ArrayList<>();
        if (request.recode()) {
            for (FollowupCase c : cases.codedOther()) {
                if (c.otherRootCause() != null && PhraseMiner.mentions(c.otherRootCause(), request.phrase())
                        && work.recode(actor, c.caseId(), created.id()) != null) {
                    recoded.add(c.caseId());
                }
            }
        }
        return new Promotion(created, recoded);
    }

    private RootCause create(@Nullable String id, String name) {
        String chosen = id == null || id.isBlank() ? RootCauseTaxonomy.idOf(name) : id;
        if (chosen.isEmpty()) {
            throw new InvalidRequestException("name", "must contain letters or digits");
        }
        RootCause rootCause = new RootCause(chosen, name.strip(), true);
        if (!store.create(rootCause)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Root cause " + chosen + " exists");
        }
        return rootCause;
    }

    private List<String> otherTexts() {
        List<String> texts = new ArrayList<>();
        for (FollowupCase c : cases.codedOther()) {
            if (c.otherRootCause() != null) {
                texts.add(c.otherRootCause());
            }
        }
        return texts;
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.supervises() && !actor.administers()) {
            throw new ForbiddenActionException("Only leads and admins manage the root-cause taxonomy");
        }
    }

    record CreateRequest(@Nullable @Size(max = 80) String id, @NotBlank @Size(max = 120) String name) {
    }

    record RenameRequest(@NotBlank @Size(max = 120) String name) {
    }

    record PromoteRequest(@NotBlank String phrase, @NotBlank @Size(max = 120) String name, boolean recode) {
    }

    record Promotion(RootCause rootCause, List<String> recodedCases) {
    }
}
