package io.npsloop.alerting.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a rule set on one response: at most one alert, decided by the most severe matching
 * rule (ties go to the rule whose id sorts first, so the outcome never depends on load order); all
 * matches are recorded, and the alert goes to the notification targets of every matched rule (a
 * normal-severity keyword rule that notifies a legal team still does so when a critical rule wins).
 */
public final class RuleEvaluation {

    private static final Comparator<AlertRule> MOST_SEVERE_FIRST = Comparator
            .comparing((AlertRule rule) -> rule.then().severity().ordinal())
            .thenComparing(AlertRule::id);

    private RuleEvaluation() {
    }

    /** Without a churn model: rules on churn risk match nothing. */
    public static Optional<Decision> evaluate(ResponseScored response, List<AlertRule> rules) {
        return evaluate(response, rules, ChurnRiskModel.NONE);
    }

    public static Optional<Decision> evaluate(ResponseScored response, List<AlertRule> rules, ChurnRiskModel churn) {
        List<AlertRule> matched = new ArrayList<>();
        for (AlertRule rule : rules) {
            if (rule.enabled() && RuleMatching.matches(rule.when(), response, churn)) {
                matched.add(rule);
            }
        }
        if (matched.isEmpty()) {
            return Optional.empty();
        }
        matched.sort(MOST_SEVERE_FIRST);
        AlertRule winner = matched.get(0);
        Map<String, Severity> severities = new LinkedHashMap<>();
        Set<NotificationTarget> targets = new LinkedHashSet<>();
        for (AlertRule rule : matched) {
            severities.put(rule.id(), rule.then().severity());
            targets.addAll(rule.then().targets());
        }
        RuleActions actions = winner.then();
        String escalateTo = actions.escalateTo() == null || actions.escalateTo().isBlank() ? null : actions.escalateTo();
        return Optional.of(new Decision(winner.id(), actions.severity(), escalateTo != null ? escalateTo : actions.ownerQueue(),
                escalateTo, List.copyOf(severities.keySet()), severities, List.copyOf(targets), actions.firstContactSla()));
    }

    /**
     * The alert a response deserves.
     *
     * @param ownerQueue the escalation queue when the winning rule escalates, else its owner queue
     * @param matchedRules the ids of all matched rules, most severe first
     */
    public record Decision(String winningRule, Severity severity, String ownerQueue, @Nullable String escalatedTo,
            List<String> matchedRules, Map<String, Severity> ruleSeverities, List<NotificationTarget> targets,
            java.time.Duration firstContactSla) {
    }
}
