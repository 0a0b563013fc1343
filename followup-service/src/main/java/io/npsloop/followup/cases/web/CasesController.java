package io.npsloop.followup.cases.web;

import java.util.List;

import io.npsloop.followup.cases.CaseState;
import io.npsloop.followup.cases.CaseStore;
import io.npsloop.followup.cases.FollowupCase;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The agents' work queue: cases by queue and state, most urgent first. */
@RestController
@RequestMapping("/api/v1/cases")
class CasesController {

    private final CaseStore store;

    CasesController(CaseStore store) {
        this.store = store;
    }

    @GetMapping
    List<FollowupCase> queue(@RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable CaseState state,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.queue(queue, state, limit);
    }

    @GetMapping("/{caseId}")
    FollowupCase one(@PathVariable String caseId) {
        FollowupCase found = store.find(caseId);
        if (found == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No case " + caseId);
        }
        return found;
    }
}
