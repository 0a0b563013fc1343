package io.npsloop.followup.incentives.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.Money;
import io.npsloop.followup.cases.Actor;
import io.npsloop.followup.cases.ForbiddenActionException;
import io.npsloop.followup.incentives.Experiment;
import io.npsloop.followup.incentives.ExperimentRules;
import io.npsloop.followup.incentives.Incentive;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.followup.rootcauses.RootCause;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.platform.web.InvalidRequestException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The incentive catalogue and the experiments per root cause: reads open like the other reads,
 * changes for leads and admins. A case keeps the cost it was offered at, so updating an incentive
 * changes only later offers.
 */
@RestController
class IncentivesController {

    private static final String ID = "[a-z0-9][a-z0-9-]{0,59}";

    private final IncentiveStore store;
    private final RootCauseStore rootCauses;

    IncentivesController(IncentiveStore store, RootCauseStore rootCauses) {
        this.store = store;
        this.rootCauses = rootCauses;
    }

    @GetMapping("/api/v1/incentives")
    List<Incentive> incentives() {
        return store.incentives();
    }

    @PostMapping("/api/v1/incentives")
    @ResponseStatus(HttpStatus.CREATED)
    Incentive create(Actor actor, @Valid @RequestBody IncentiveRequest request) {
        requireSupervisor(actor);
        if (request.id() == null) {
            throw new InvalidRequestException("id", "must not be null");
        }
        Incentive incentive = request.toIncentive(request.id());
        if (!store.createIncentive(incentive)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Incentive " + request.id() + " exists");
        }
        return incentive;
    }

    @PutMapping("/api/v1/incentives/{id}")
    Incentive update(Actor actor, @PathVariable String id, @Valid @RequestBody IncentiveRequest request) {
        requireSupervisor(actor);
        if (request.id() != null && !request.id().equals(id)) {
            throw new InvalidRequestException("id", "differs from the id in the path");
        }
        Incentive incentive = request.toIncentive(id);
        if (!store.updateIncentive(incentive)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No incentive " + id);
        }
        return incentive;
    }

    @GetMapping("/api/v1/experiments")
    List<Experiment> experiments() {
        return store.experiments();
    }

    @PostMapping("/api/v1/experiments")
    @ResponseStatus(HttpStatus.CREATED)
    Experiment createExperiment(Actor actor, @Valid @RequestBody ExperimentRequest request) {
        requireSupervisor(actor);
        List<FieldProblem> problems = new ArrayList<>();
        RootCause rootCause = rootCauses.find(request.rootCause()).orElse(null);
        if (rootCause == null || !rootCause.active()) {
            problems.add(new FieldProblem("rootCause", rootCause == null
                    ? "unknown root cause " + request.rootCause() : "root cause " + request.rootCause() + " is deactivated"));
        }
        problems.addAll(ExperimentRules.check(request.arms(), store.catalogue()));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Experiment experiment = new Experiment(request.id(), request.rootCause(), request.arms());
        switch (store.createExperiment(experiment)) {
            case ID_TAKEN -> throw new ResponseStatusException(HttpStatus.CONFLICT, "Experiment " + request.id() + " exists");
            case ROOT_CAUSE_TAKEN -> throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "Root cause " + request.rootCause() + " already has an experiment");
            case CREATED -> {
            }
        }
        return experiment;
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.supervises() && !actor.administers()) {
            throw new ForbiddenActionException("Only leads and admins manage incentives and experiments");
        }
    }

    record CostRequest(@NotNull @PositiveOrZero BigDecimal amount, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    record IncentiveRequest(@Nullable @Pattern(regexp = ID) String id,
            @NotBlank @Size(max = 40) String type, @NotBlank @Size(max = 200) String description,
            @NotNull @Valid CostRequest cost) {

        Incentive toIncentive(String incentiveId) {
            try {
                Currency.getInstance(cost.currency());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("cost.currency", "not an ISO 4217 currency code");
            }
            return new Incentive(incentiveId, type.strip(), description.strip(), new Money(cost.amount(), cost.currency()));
        }
    }

    record ExperimentRequest(@NotNull @Pattern(regexp = ID) String id, @NotBlank String rootCause,
            @NotEmpty List<@NotBlank String> arms) {
    }
}
