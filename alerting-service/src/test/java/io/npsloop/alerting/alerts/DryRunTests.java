package io.npsloop.alerting.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.RuleConditions;
import io.npsloop.alerting.rules.RuleActions;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

class DryRunTests {

    private static final List<AlertRule> RULES = withKeywordRule(DefaultRules.standard("care", "executive",
            new Money(new BigDecimal("5000"), "EUR"), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48), List.of()));

    @Test
    void countsMatchADirectComputation() {
        List<ResponseScored> responses = List.of(
                detractor().id("r1").customer("a").score(1).at(T0).build(),
                detractor().id("r2").customer("a").score(5).at(T0.plus(Duration.ofDays(1))).build(),
                detractor().id("r3").customer("b").score(4).comment("I want a refund").at(T0.plus(Duration.ofHours(1))).build(),
                detractor().id("r4").customer("b").score(8).comment("refund").at(T0.plus(Duration.ofHours(2))).build(),
                detractor().id("r5").customer("c").score(6).accountValue("9000", "EUR").at(T0.plus(Duration.ofHours(3))).build(),
                detractor().id("r6").customer("a").score(3).at(T0.plus(Duration.ofDays(9))).build(),
                detractor().id("r7").customer("d").score(10).at(T0.plus(Duration.ofDays(2))).build());
        List<ResponseScored> ordered = responses.stream()
                .sorted(java.util.Comparator.comparing(ResponseScored::occurredAt)).toList();

        DryRun.Report report = DryRun.run(RULES, ordered, new OpenAlertWindow(Duration.ofDays(7)));

        // By hand: r1 super(crit) ; r2 normal, joins a's alert ; r3 high (refund normal too) ; r4 refund only, joins b's;
        // r5 high-value critical ; r6 high, a's alert is 9 days old so raised ; r7 nothing.
        assertThat(report.responses()).isEqualTo(7);
        assertThat(report.alertsDecided()).isEqualTo(6);
        assertThat(report.alertsRaised()).isEqualTo(4);
        assertThat(report.rules()).containsExactly(
                new DryRun.RuleCount(DefaultRules.DETRACTOR, 5, 1, 0),
                new DryRun.RuleCount(DefaultRules.STRONG_DETRACTOR, 3, 2, 2),
                new DryRun.RuleCount(DefaultRules.SUPER_DETRACTOR, 1, 1, 1),
                new DryRun.RuleCount(DefaultRules.HIGH_VALUE_DETRACTOR, 1, 1, 1),
                new DryRun.RuleCount("refund-keyword", 2, 1, 0));
    }

    @Test
    void dryRunRaisesExactlyWhatLiveAlertingRaisesForTheSameResponses() {
        Random random = new Random(42);
        List<ResponseScored> responses = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            responses.add(detractor().id("r" + i).customer("c" + random.nextInt(40)).score(random.nextInt(11))
                    .comment(random.nextBoolean() ? "please refund" : null)
                    .accountValue(Integer.toString(random.nextInt(10000)), "EUR")
                    .at(T0.plus(Duration.ofHours(i))).build());
        }
        InMemoryAlerting memory = new InMemoryAlerting();
        OpenAlertWindow window = new OpenAlertWindow(Duration.ofDays(3));
        AlertRaising live = new AlertRaising(() -> RULES, memory, memory, memory, memory, memory, window,
                Clock.fixed(T0, ZoneOffset.UTC));
        responses.forEach(live::evaluate);

        DryRun.Report report = DryRun.run(RULES, responses, window);

        assertThat(report.alertsRaised()).isEqualTo(memory.published.size()).isPositive();
        assertThat(report.alertsDecided() - report.alertsRaised()).isEqualTo(memory.attachments.size());
    }

    private static List<AlertRule> withKeywordRule(List<AlertRule> defaults) {
        List<AlertRule> rules = new ArrayList<>(defaults);
        rules.add(new AlertRule("refund-keyword", "", true,
                new RuleConditions(null, null, null, null, null, null, null, null, null, List.of("refund"), null, null),
                new RuleActions(Severity.NORMAL, "billing", null, Duration.ofHours(24), null)));
        return rules;
    }
}
