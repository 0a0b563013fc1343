package io.npsloop.alerting.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

class DefaultRuleSetTests {

    static final List<AlertRule> DEFAULTS = DefaultRules.standard("customer-care", "executive",
            new Money(new BigDecimal("10000"), "EUR"), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48), List.of());

    @ParameterizedTest(name = "score {0} -> {1} in {2}")
    @CsvSource({
            "0, CRITICAL, executive, PT4H",
            "2, CRITICAL, executive, PT4H",
            "3, HIGH, customer-care, PT24H",
            "4, HIGH, customer-care, PT24H",
            "5, NORMAL, customer-care, PT48H",
            "6, NORMAL, customer-care, PT48H"})
    void detractorsGetTheSeverityOfTheirBand(int score, Severity severity, String queue, Duration sla) {
        RuleEvaluation.Decision decision = RuleEvaluation.evaluate(detractor().score(score).build(), DEFAULTS).orElseThrow();

        assertThat(decision.severity()).isEqualTo(severity);
        assertThat(decision.ownerQueue()).isEqualTo(queue);
        assertThat(decision.firstContactSla()).isEqualTo(sla);
    }

    @ParameterizedTest
    @CsvSource({"7", "8", "9", "10"})
    void passivesAndPromotersRaiseNoAlert(int score) {
        assertThat(RuleEvaluation.evaluate(detractor().score(score).accountValue("50000", "EUR").build(), DEFAULTS)).isEmpty();
    }

    @Test
    void superDetractorOfHighValueAccountEscalatesToExecutiveAndRecordsEveryMatch() {
        RuleEvaluation.Decision decision = RuleEvaluation.evaluate(
                detractor().score(1).accountValue("25000", "EUR").build(), DEFAULTS).orElseThrow();

        assertThat(decision.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(decision.escalatedTo()).isEqualTo("executive");
        assertThat(decision.ownerQueue()).isEqualTo("executive");
        assertThat(decision.matchedRules()).containsExactly(DefaultRules.HIGH_VALUE_DETRACTOR, DefaultRules.SUPER_DETRACTOR,
                DefaultRules.STRONG_DETRACTOR, DefaultRules.DETRACTOR);
        assertThat(decision.ruleSeverities()).containsEntry(DefaultRules.DETRACTOR, Severity.NORMAL)
                .containsEntry(DefaultRules.STRONG_DETRACTOR, Severity.HIGH);
    }

    @Test
    void highValueDetractorWithAMildScoreIsCritical() {
        RuleEvaluation.Decision decision = RuleEvaluation.evaluate(
                detractor().score(6).accountValue("10000.00", "EUR").build(), DEFAULTS).orElseThrow();

        assertThat(decision.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(decision.winningRule()).isEqualTo(DefaultRules.HIGH_VALUE_DETRACTOR);
    }

    @Test
    void highValueInAnotherCurrencyIsNotConverted() {
        RuleEvaluation.Decision decision = RuleEvaluation.evaluate(
                detractor().score(6).accountValue("90000", "USD").build(), DEFAULTS).orElseThrow();

        assertThat(decision.severity()).isEqualTo(Severity.NORMAL);
    }

    @Test
    void disabledRuleNeverMatches() {
        List<AlertRule> rules = DEFAULTS.stream()
                .map(rule -> rule.id().equals(DefaultRules.SUPER_DETRACTOR) ? rule.withEnabled(false) : rule).toList();

        Optional<RuleEvaluation.Decision> decision = RuleEvaluation.evaluate(detractor().score(1).build(), rules);

        assertThat(decision.orElseThrow().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void alertGoesToTheTargetsOfEveryMatchedRule() {
        NotificationTarget legal = new NotificationTarget("legal", NotificationTarget.Channel.EMAIL, "legal@example.com");
        NotificationTarget ops = new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK, "https://hooks.example.com/x");
        AlertRule lawyer = new AlertRule("lawyer-keyword", "", true,
                new RuleConditions(null, null, null, null, null, null, null, null, null, List.of("lawyer"), null, null),
                new RuleActions(Severity.NORMAL, "legal", List.of(legal), Duration.ofHours(8), null));
        AlertRule superDetractor = new AlertRule("super", "", true, RuleConditions.scoreBetween(0, 2),
                new RuleActions(Severity.CRITICAL, "care", List.of(ops), Duration.ofHours(4), null));

        RuleEvaluation.Decision decision = RuleEvaluation.evaluate(
                detractor().score(0).comment("My lawyer will call").build(), List.of(lawyer, superDetractor)).orElseThrow();

        assertThat(decision.winningRule()).isEqualTo("super");
        assertThat(decision.ownerQueue()).isEqualTo("care");
        assertThat(decision.targets()).containsExactly(ops, legal);
        assertThat(decision.ruleSeverities()).isEqualTo(Map.of("super", Severity.CRITICAL, "lawyer-keyword", Severity.NORMAL));
    }

    @Test
    void tiesGoToTheRuleWhoseIdSortsFirst() {
        AlertRule b = new AlertRule("b-rule", "", true, RuleConditions.scoreBetween(0, 6),
                new RuleActions(Severity.HIGH, "queue-b", null, Duration.ofHours(1), null));
        AlertRule a = new AlertRule("a-rule", "", true, RuleConditions.scoreBetween(0, 6),
                new RuleActions(Severity.HIGH, "queue-a", null, Duration.ofHours(1), null));

        assertThat(RuleEvaluation.evaluate(detractor().build(), List.of(b, a)).orElseThrow().ownerQueue()).isEqualTo("queue-a");
    }
}
