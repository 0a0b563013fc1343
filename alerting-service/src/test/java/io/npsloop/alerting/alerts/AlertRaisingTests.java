package io.npsloop.alerting.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.alerting.Responses;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

class AlertRaisingTests {

    private static final NotificationTarget OPS = new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK,
            "https://hooks.example.com/ops");
    private static final NotificationTarget LEAD = new NotificationTarget("lead", NotificationTarget.Channel.EMAIL,
            "lead@example.com");

    private final InMemoryAlerting memory = new InMemoryAlerting();
    private final List<AlertRule> rules = new ArrayList<>(DefaultRules.standard("customer-care", "executive",
            new Money(new BigDecimal("10000"), "EUR"), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48),
            List.of(OPS, LEAD)));
    private final AlertRaising raising = new AlertRaising(() -> rules, memory, memory, memory, memory, memory,
            new OpenAlertWindow(Duration.ofDays(7)), Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));

    @Test
    void detractorRaisesOneAlertWithEverythingTheOwnerNeeds() {
        ResponseScored response = detractor().score(2).build();

        AlertRaising.Outcome outcome = raising.evaluate(response);

        assertThat(outcome.kind()).isEqualTo(AlertRaising.Kind.RAISED);
        assertThat(memory.published).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(AlertRaising.alertId(response));
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.ownerQueue()).isEqualTo("executive");
            assertThat(alert.escalatedTo()).isEqualTo("executive");
            assertThat(alert.comment()).isEqualTo("Delivery was late");
            assertThat(alert.matchedRules()).containsExactly(DefaultRules.SUPER_DETRACTOR, DefaultRules.STRONG_DETRACTOR,
                    DefaultRules.DETRACTOR);
            assertThat(alert.slaDueAt()).isEqualTo(T0.plusSeconds(5).plus(Duration.ofHours(4)));
            assertThat(alert.notificationTargets()).containsExactly("webhook:ops", "email:lead");
        });
        assertThat(memory.notifications).hasSize(2);
    }

    @Test
    void redeliveredRecordRaisesNoSecondAlertAndNoSecondNotification() {
        ResponseScored response = detractor().score(4).build();

        raising.evaluate(response);
        raising.evaluate(response);

        assertThat(memory.published).hasSize(1);
        assertThat(memory.alerts).hasSize(1);
        assertThat(memory.notifications).hasSize(2);
    }

    @Test
    void alertStoredButNotPublishedIsPublishedOnRedelivery() {
        ResponseScored response = detractor().build();
        raising.evaluate(response);
        String id = AlertRaising.alertId(response);
        AlertStore.StoredAlert stored = memory.alerts.get(id);
        memory.alerts.put(id, new AlertStore.StoredAlert(stored.alert(), false, List.of(), stored.targets()));

        raising.evaluate(response);

        assertThat(memory.published).hasSize(2).allSatisfy(alert -> assertThat(alert.alertId()).isEqualTo(id));
    }

    @Test
    void secondAnswerWithinTheOpenAlertWindowJoinsTheOpenAlert() {
        ResponseScored first = detractor().id("r-1").build();
        ResponseScored second = detractor().id("r-2").score(1).at(T0.plus(Duration.ofDays(3))).build();

        raising.evaluate(first);
        AlertRaising.Outcome outcome = raising.evaluate(second);
        raising.evaluate(second);

        assertThat(outcome.kind()).isEqualTo(AlertRaising.Kind.ATTACHED);
        assertThat(outcome.alertId()).isEqualTo(AlertRaising.alertId(first));
        assertThat(memory.published).hasSize(1);
        assertThat(memory.alerts.get(AlertRaising.alertId(first)).attachedResponseIds()).containsExactly("r-2");
    }

    @Test
    void answerAfterTheWindowRaisesANewAlert() {
        raising.evaluate(detractor().id("r-1").build());
        AlertRaising.Outcome outcome = raising.evaluate(detractor().id("r-2").at(T0.plus(Duration.ofDays(7))).build());

        assertThat(outcome.kind()).isEqualTo(AlertRaising.Kind.RAISED);
        assertThat(memory.published).hasSize(2);
    }

    @Test
    void anotherCustomersAnswerIsNotMerged() {
        raising.evaluate(detractor().id("r-1").build());
        AlertRaising.Outcome outcome = raising.evaluate(detractor().id("r-2").customer("c-2").build());

        assertThat(outcome.kind()).isEqualTo(AlertRaising.Kind.RAISED);
    }

    @Test
    void redeliveryOfAnEarlierAlertsResponseIsNotAttachedToALaterAlert() {
        ResponseScored first = detractor().id("r-1").build();
        raising.evaluate(first);
        raising.evaluate(detractor().id("r-2").at(T0.plus(Duration.ofDays(8))).build());

        AlertRaising.Outcome outcome = raising.evaluate(first);

        assertThat(outcome).isEqualTo(new AlertRaising.Outcome(AlertRaising.Kind.RAISED, AlertRaising.alertId(first)));
        assertThat(memory.attachments).isEmpty();
    }

    @Test
    void ruleChangesTakeEffectOnTheNextResponse() {
        rules.replaceAll(rule -> rule.withEnabled(false));

        assertThat(raising.evaluate(detractor().score(0).build()).kind()).isEqualTo(AlertRaising.Kind.NONE);
        assertThat(memory.scored).hasSize(1);
    }

    @Test
    void promoterRaisesNothingButIsKeptForDryRuns() {
        assertThat(raising.evaluate(Responses.detractor().score(10).build()).kind()).isEqualTo(AlertRaising.Kind.NONE);
        assertThat(memory.published).isEmpty();
        assertThat(memory.scored).hasSize(1);
    }
}
