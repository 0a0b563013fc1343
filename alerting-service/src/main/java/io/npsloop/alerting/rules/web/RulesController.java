package io.npsloop.alerting.rules.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.security.Principal;
import java.util.List;
import java.util.Set;

import io.npsloop.alerting.AlertingProperties;
import io.npsloop.alerting.alerts.DryRun;
import io.npsloop.alerting.alerts.OpenAlertWindow;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.ChurnRiskCatalog;
import io.npsloop.alerting.rules.RuleManagement;
import io.npsloop.alerting.rules.RuleRepository.RuleVersion;
import io.npsloop.alerting.rules.RuleRepository.StoredRule;
import io.npsloop.alerting.rules.RuleValidation;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * Rule management (admins change rules; team leads and admins read them): list, get, history, create,
 * update, enable, disable, delete, and a dry run of a proposed rule set over recent responses.
 * Updates and deletes may send {@code If-Match: <version>} to refuse overwriting a newer change.
 */
@RestController
@RequestMapping("/api/v1/rules")
class RulesController {

    private final RuleManagement rules;
    private final RuleValidation validation;
    private final ScoredResponses scored;
    private final OpenAlertWindow window;
    private final AlertingProperties properties;
    private final Clock clock;
    private final ChurnRiskCatalog churn;

    RulesController(RuleManagement rules, RuleValidation validation, ScoredResponses scored,
            OpenAlertWindow window, AlertingProperties properties, Clock clock, ChurnRiskCatalog churn) {
        this.churn = churn;
        this.rules = rules;
        this.validation = validation;
        this.scored = scored;
        this.window = window;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    List<RuleView> list() {
        return rules.list().stream().map(RuleView::of).toList();
    }

    @GetMapping("/{id}")
    RuleView get(@PathVariable String id) {
        return RuleView.of(rules.get(id));
    }

    @GetMapping("/{id}/versions")
    List<RuleVersion> versions(@PathVariable String id) {
        return rules.versions(id);
    }

    @PostMapping
    ResponseEntity<RuleView> create(Principal who, @RequestBody @Nullable AlertRule rule) {
        String actor = who.getName();
        if (rule == null) {
            throw new RuleManagement.RuleProblemsException(validation.problems(null));
        }
        StoredRule created = rules.create(rule, actor);
        return ResponseEntity.created(URI.create("/api/v1/rules/" + created.rule().id())).body(RuleView.of(created));
    }

    @PutMapping("/{id}")
    RuleView update(Principal who,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @PathVariable String id, @RequestBody @Nullable AlertRule rule) {
        String actor = who.getName();
        if (rule == null) {
            throw new RuleManagement.RuleProblemsException(validation.problems(null));
        }
        return RuleView.of(rules.update(id, rule, actor, version(ifMatch)));
    }

    @PostMapping("/{id}/enable")
    RuleView enable(Principal who, @PathVariable String id) {
        return RuleView.of(rules.setEnabled(id, true, who.getName()));
    }

    @PostMapping("/{id}/disable")
    RuleView disable(Principal who, @PathVariable String id) {
        return RuleView.of(rules.setEnabled(id, false, who.getName()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Principal who,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @PathVariable String id) {
        rules.delete(id, who.getName(), version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /** Replays a proposed rule set over the scored responses of the last {@code days} days; changes nothing. */
    @PostMapping("/dry-run")
    DryRun.Report dryRun(@RequestBody @Nullable DryRunRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        int retention = properties.dryRun().retentionDays();
        if (request == null || request.rules() == null || request.rules().isEmpty()) {
            problems.add(new FieldProblem("rules", "at least one rule is required"));
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < request.rules().size(); i++) {
                AlertRule rule = request.rules().get(i);
                problems.addAll(validation.problems(rule, "rules[" + i + "]."));
                if (rule != null && rule.id() != null && !ids.add(rule.id())) {
                    problems.add(new FieldProblem("rules[" + i + "].id", "appears twice in the rule set"));
                }
            }
        }
        if (request == null || request.days() == null || request.days() < 1 || request.days() > retention) {
            problems.add(new FieldProblem("days", "must be a whole number from 1 to " + retention
                    + " (the retention of scored responses)"));
        }
        if (!problems.isEmpty()) {
            throw new RuleManagement.RuleProblemsException(problems);
        }
        Instant from = clock.instant().minus(Duration.ofDays(request.days()));
        return DryRun.run(request.rules(), scored.answeredSince(from), window, churn.current());
    }

    /** A proposed rule set and how many days back to replay it. */
    record DryRunRequest(@Nullable List<AlertRule> rules, @Nullable Integer days) {
    }

    /** A rule with its current version and who changed it last, when. */
    record RuleView(AlertRule rule, long version, Instant changedAt, String changedBy) {
        static RuleView of(StoredRule stored) {
            return new RuleView(stored.rule(), stored.version(), stored.changedAt(), stored.changedBy());
        }
    }

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String digits = ifMatch.replace("W/", "").replace("\"", "").strip();
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new RuleManagement.RuleProblemsException(
                    List.of(new FieldProblem("If-Match", "must be a rule version number")));
        }
    }

    @ExceptionHandler(RuleManagement.RuleProblemsException.class)
    ResponseEntity<ProblemDetail> invalid(RuleManagement.RuleProblemsException e) {
        return ResponseEntity.badRequest().body(ProblemDetailsAdvice.validationProblem(
                e.problems()));
    }

    /**
     * A value of the wrong form (an unknown severity, a duration that is not ISO-8601) names its
     * field. Handled here because the shared advice looks only at the innermost cause, which for a
     * failed duration or enum parse is not the JSON exception that knows the field.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
                return ResponseEntity.badRequest().body(ProblemDetailsAdvice.validationProblem(
                        List.of(new FieldProblem(path(json), "wrong type or form"))));
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body is missing or is not well-formed JSON");
        problem.setTitle("Unreadable request body");
        return ResponseEntity.badRequest().body(problem);
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @ExceptionHandler(RuleManagement.RuleNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(RuleManagement.RuleNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(RuleManagement.RuleConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RuleManagement.RuleConflictException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage()));
    }

}
