package io.npsloop.alerting.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleValidationTests {

    private final RuleValidation validation = new RuleValidation(
            new OutboundUrlPolicy(List.of("hooks.example.com"), false)::problem);

    @Test
    void aSensibleRuleHasNoProblems() {
        AlertRule rule = new AlertRule("emea-detractors", "EMEA detractors", true,
                new RuleConditions(0, 6, null, null, null, Map.of("region", List.of("EMEA")), null, null, null, null,
                        new Money(new BigDecimal("100"), "EUR"), null),
                new RuleActions(Severity.HIGH, "emea-care", List.of(
                        new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK, "https://hooks.example.com/a"),
                        new NotificationTarget("lead", NotificationTarget.Channel.EMAIL, "lead@example.com")),
                        Duration.ofHours(4), "executive"));

        assertThat(validation.problems(rule)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        AlertRule rule = new AlertRule("Bad Id!", "x", true,
                new RuleConditions(7, 3, null, null, 0, null, null, null, null, List.of(" "),
                        new Money(new BigDecimal("-1"), "euro"), null, 1.5, null),
                new RuleActions(null, "", List.of(
                        new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK, "http://169.254.169.254/latest"),
                        new NotificationTarget("lead", NotificationTarget.Channel.EMAIL, "not-an-email")),
                        Duration.ZERO, null));

        assertThat(validation.problems(rule)).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "id", "when.maxScore", "when.minScoreDrop", "when.commentKeywords[0]", "when.minAccountValue.amount",
                "when.minAccountValue.currency", "when.minChurnRisk", "then.severity", "then.ownerQueue", "then.firstContactSla",
                "then.notifications[0].address", "then.notifications[1].address");
    }

    @Test
    void aRuleWithoutConditionsIsRefused() {
        AlertRule rule = new AlertRule("everything", "", true,
                new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, null),
                new RuleActions(Severity.NORMAL, "care", null, Duration.ofHours(4), null));

        assertThat(validation.problems(rule)).extracting(FieldProblem::field).containsExactly("when");
    }

    @Test
    void aChurnRiskIsAShareAboveZeroAndAtMostOne() {
        for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
            AlertRule rule = new AlertRule("at-risk", "", true,
                    new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, null, bad, null),
                    new RuleActions(Severity.NORMAL, "care", null, Duration.ofHours(4), null));
            assertThat(validation.problems(rule)).as("minChurnRisk %s", bad).extracting(FieldProblem::field)
                    .containsExactly("when.minChurnRisk");
        }
        AlertRule themesOnly = new AlertRule("at-risk", "", true,
                new RuleConditions(null, null, null, null, null, null, null, null, null, null, null, null, null, true),
                new RuleActions(Severity.NORMAL, "care", null, Duration.ofHours(4), null));
        assertThat(validation.problems(themesOnly)).as("churnThemes alone is a condition").isEmpty();
    }
}
