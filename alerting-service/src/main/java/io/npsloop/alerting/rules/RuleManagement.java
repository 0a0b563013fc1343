package io.npsloop.alerting.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.npsloop.alerting.rules.RuleRepository.Change;
import io.npsloop.alerting.rules.RuleRepository.RuleVersion;
import io.npsloop.alerting.rules.RuleRepository.StoredRule;
import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Creates, changes, enables, disables and deletes rules. Every change is validated first (nothing
 * is half-applied), written with an optimistic version check, recorded in the history with who
 * and when, and then the catalog is refreshed so it takes effect at once.
 */
public class RuleManagement {

    public static final String CONFIGURATION_ACTOR = "configuration";

    private final RuleRepository repository;
    private final RuleCatalog catalog;
    private final RuleValidation validation;
    private final Clock clock;

    public RuleManagement(RuleRepository repository, RuleCatalog catalog, RuleValidation validation, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.validation = validation;
        this.clock = clock;
    }

    /** Seeds the configured rules on first start only, so a rule an operator deleted stays deleted. */
    public void seedDefaults(List<AlertRule> defaults) {
        if (repository.defaultsSeeded()) {
            catalog.refresh();
            return;
        }
        Instant now = clock.instant();
        for (AlertRule rule : defaults) {
            List<FieldProblem> problems = validation.problems(rule);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Configured rule " + rule.id() + " is invalid: " + problems);
            }
            if (repository.insert(new StoredRule(rule, 1, now, CONFIGURATION_ACTOR))) {
                repository.recordVersion(new RuleVersion(rule.id(), 1, Change.CREATED, now, CONFIGURATION_ACTOR, rule));
            }
        }
        repository.markDefaultsSeeded();
        catalog.refresh();
    }

    public List<StoredRule> list() {
        return repository.all();
    }

    public StoredRule get(String id) {
        StoredRule rule = repository.find(id);
        if (rule == null) {
            throw new RuleNotFoundException(id);
        }
        return rule;
    }

    public List<RuleVersion> versions(String id) {
        List<RuleVersion> versions = repository.versions(id);
        if (versions.isEmpty()) {
            throw new RuleNotFoundException(id);
        }
        return versions;
    }

    public StoredRule create(AlertRule rule, String actor) {
        validate(rule);
        long version = lastVersion(rule.id()) + 1;
        StoredRule stored = new StoredRule(rule, version, clock.instant(), actor);
        if (!repository.insert(stored)) {
            throw new RuleConflictException("Rule " + rule.id() + " exists; update it instead");
        }
        return recorded(stored, Change.CREATED);
    }

    public StoredRule update(String id, AlertRule rule, String actor, @Nullable Long expectedVersion) {
        AlertRule withId = rule.id() == null ? rule.withId(id) : rule;
        validate(withId);
        if (!withId.id().equals(id)) {
            throw new RuleProblemsException(List.of(new FieldProblem("id", "must equal the id in the path, " + id)));
        }
        return change(id, expectedVersion, actor, Change.UPDATED, current -> withId);
    }

    public StoredRule setEnabled(String id, boolean enabled, String actor) {
        return change(id, null, actor, enabled ? Change.ENABLED : Change.DISABLED, current -> current.withEnabled(enabled));
    }

    public void delete(String id, String actor, @Nullable Long expectedVersion) {
        StoredRule current = current(id, expectedVersion);
        if (!repository.delete(id, current.version())) {
            throw new RuleConflictException("Rule " + id + " changed meanwhile; read it again");
        }
        repository.recordVersion(new RuleVersion(id, current.version() + 1, Change.DELETED, clock.instant(), actor, current.rule()));
        catalog.refresh();
    }

    private StoredRule change(String id, @Nullable Long expectedVersion, String actor, Change change,
            java.util.function.UnaryOperator<AlertRule> edit) {
        StoredRule current = current(id, expectedVersion);
        StoredRule next = new StoredRule(edit.apply(current.rule()), current.version() + 1, clock.instant(), actor);
        if (!repository.replace(next, current.version())) {
            throw new RuleConflictException("Rule " + id + " changed meanwhile; read it again");
        }
        return recorded(next, change);
    }

    private StoredRule current(String id, @Nullable Long expectedVersion) {
        StoredRule current = get(id);
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new RuleConflictException("Rule " + id + " is at version " + current.version() + ", not " + expectedVersion);
        }
        return current;
    }

    private StoredRule recorded(StoredRule stored, Change change) {
        repository.recordVersion(new RuleVersion(stored.rule().id(), stored.version(), change, stored.changedAt(),
                stored.changedBy(), stored.rule()));
        catalog.refresh();
        return stored;
    }

    private long lastVersion(String id) {
        List<RuleVersion> versions = repository.versions(id);
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
    }

    private void validate(AlertRule rule) {
        List<FieldProblem> problems = validation.problems(rule);
        if (!problems.isEmpty()) {
            throw new RuleProblemsException(problems);
        }
    }

    /** The rule breaks one or more validation rules. */
    public static class RuleProblemsException extends RuntimeException {
        private final List<FieldProblem> problems;

        public RuleProblemsException(List<FieldProblem> problems) {
            super(problems.toString());
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** No rule with that id. */
    public static class RuleNotFoundException extends RuntimeException {
        public RuleNotFoundException(String id) {
            super("No rule " + id);
        }
    }

    /** The rule exists already, or changed since the caller read it. */
    public static class RuleConflictException extends RuntimeException {
        public RuleConflictException(String message) {
            super(message);
        }
    }
}
