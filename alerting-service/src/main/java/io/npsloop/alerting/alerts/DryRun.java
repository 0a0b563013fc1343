package io.npsloop.alerting.alerts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.npsloop.alerting.alerts.CustomerAlerts.OpenAlert;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.ChurnRiskModel;
import io.npsloop.alerting.rules.RuleEvaluation;
import io.npsloop.alerting.rules.RuleMatching;
import io.npsloop.contracts.ResponseScored;

/**
 * Replays a proposed rule set over past scored responses, in answer-time order, as live alerting
 * would have: per rule, how many responses it matched, how many alerts it would have decided (most
 * severe wins) and how many of those remain once answers within the open-alert window of an
 * earlier alert of the same customer join it. The replay starts with no open alerts.
 */
public final class DryRun {

    private DryRun() {
    }

    /** Without a churn model: rules on churn risk match nothing. */
    public static Report run(List<AlertRule> rules, List<ResponseScored> responses, OpenAlertWindow window) {
        return run(rules, responses, window, ChurnRiskModel.NONE);
    }

    /** With the churn model in force now (not the one in force when each response arrived). */
    public static Report run(List<AlertRule> rules, List<ResponseScored> responses, OpenAlertWindow window, ChurnRiskModel churn) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (AlertRule rule : rules) {
            counts.put(rule.id(), new int[3]);
        }
        Map<String, OpenAlert> open = new HashMap<>();
        int decided = 0;
        int raised = 0;
        for (ResponseScored response : responses) {
            for (AlertRule rule : rules) {
                if (rule.enabled() && RuleMatching.matches(rule.when(), response, churn)) {
                    counts.get(rule.id())[0]++;
                }
            }
            Optional<RuleEvaluation.Decision> decision = RuleEvaluation.evaluate(response, rules, churn);
            if (decision.isEmpty()) {
                continue;
            }
            decided++;
            counts.get(decision.get().winningRule())[1]++;
            if (window.attaches(open.get(response.customerId()), response.occurredAt())) {
                continue;
            }
            raised++;
            counts.get(decision.get().winningRule())[2]++;
            open.put(response.customerId(), new OpenAlert(AlertRaising.alertId(response), response.occurredAt()));
        }
        List<RuleCount> perRule = counts.entrySet().stream()
                .map(entry -> new RuleCount(entry.getKey(), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2]))
                .toList();
        return new Report(responses.size(), perRule, decided, raised);
    }

    /**
     * @param matched responses the rule matched
     * @param decided alerts the rule would have decided as the most severe match
     * @param raised of those, alerts left after joining open alerts
     */
    public record RuleCount(String ruleId, int matched, int decided, int raised) {
    }

    /** The whole replay: responses replayed, alerts decided and raised over all rules. */
    public record Report(int responses, List<RuleCount> rules, int alertsDecided, int alertsRaised) {
    }
}
