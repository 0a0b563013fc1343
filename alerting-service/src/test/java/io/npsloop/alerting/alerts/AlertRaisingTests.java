package io.npsloop.alerting.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.alerting.Responses;
import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void secondDetractorAnswerOfACustomerInTheSameBatchJoinsTheAlertTheFirstRaised() {
        ResponseScored first = detractor().id("r-1").score(3).build();
        ResponseScored second = detractor().id("r-2").score(1).at(T0.plus(Duration.ofDays(2))).build();
        ResponseScored otherCustomer = detractor().id("r-3").customer("c-2").build();

        List<AlertRaising.Outcome> outcomes = raising.evaluateAll(List.of(first, second, otherCustomer));

        String firstAlert = AlertRaising.alertId(first);
        assertThat(outcomes).containsExactly(
                new AlertRaising.Outcome(AlertRaising.Kind.RAISED, firstAlert),
                new AlertRaising.Outcome(AlertRaising.Kind.ATTACHED, firstAlert),
                new AlertRaising.Outcome(AlertRaising.Kind.RAISED, AlertRaising.alertId(otherCustomer)));
        assertThat(memory.published).extracting(DetractorAlertRaised::alertId)
                .containsExactly(firstAlert, AlertRaising.alertId(otherCustomer));
        assertThat(memory.alerts.get(firstAlert).attachedResponseIds()).containsExactly("r-2");
        assertThat(memory.attachments).containsExactly(Map.entry(AlertRaising.alertId(second), firstAlert));
        assertThat(memory.customers.get("c-1")).isEqualTo(new CustomerAlerts.OpenAlert(firstAlert, T0));
        assertThat(memory.alerts.values()).allSatisfy(alert -> assertThat(alert.published()).isTrue());
    }

    @Test
    void anEarlierAnswerLaterInTheBatchRaisesItsOwnAlertAndTheCustomerKeepsTheLatest() {
        ResponseScored late = detractor().id("r-late").at(T0.plus(Duration.ofDays(3))).build();
        ResponseScored early = detractor().id("r-early").at(T0).build();

        assertThat(raising.evaluateAll(List.of(late, early))).extracting(AlertRaising.Outcome::kind)
                .containsExactly(AlertRaising.Kind.RAISED, AlertRaising.Kind.RAISED);
        assertThat(memory.customers.get("c-1").alertId()).isEqualTo(AlertRaising.alertId(late));
    }

    @Test
    void theSameResponseTwiceInOneBatchRaisesOneAlertWithOneNotificationPerTarget() {
        ResponseScored response = detractor().score(2).build();
        ResponseScored joining = detractor().id("r-2").at(T0.plusSeconds(60)).build();

        List<AlertRaising.Outcome> outcomes = raising.evaluateAll(List.of(response, joining, response, joining));

        String alertId = AlertRaising.alertId(response);
        assertThat(outcomes).extracting(AlertRaising.Outcome::alertId).containsOnly(alertId);
        assertThat(outcomes).extracting(AlertRaising.Outcome::kind).containsExactly(AlertRaising.Kind.RAISED,
                AlertRaising.Kind.ATTACHED, AlertRaising.Kind.RAISED, AlertRaising.Kind.ATTACHED);
        assertThat(memory.published).singleElement().extracting(DetractorAlertRaised::alertId).isEqualTo(alertId);
        assertThat(memory.alerts).containsOnlyKeys(alertId);
        assertThat(memory.alerts.get(alertId).attachedResponseIds()).containsExactly("r-2");
        assertThat(memory.notifications).hasSize(2);
        assertThat(memory.scored).hasSize(2);
    }

    @Test
    void aBatchRedeliveredInOtherBoundariesAfterACrashChangesNothing() {
        List<ResponseScored> stream = List.of(
                detractor().id("r-1").build(),
                detractor().id("r-2").at(T0.plus(Duration.ofDays(1))).build(),
                detractor().id("r-3").customer("c-2").score(0).build(),
                detractor().id("r-4").customer("c-3").score(10).build(),
                detractor().id("r-5").at(T0.plus(Duration.ofDays(9))).build());
        InMemoryAlerting oneByOne = new InMemoryAlerting();
        AlertRaising reference = new AlertRaising(() -> rules, oneByOne, oneByOne, oneByOne, oneByOne, oneByOne,
                new OpenAlertWindow(Duration.ofDays(7)), Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
        stream.forEach(reference::evaluate);

        // The first delivery dies after storing the alerts, before attaching and remembering anything.
        memory.writesBeforeCrash = 2;
        assertThatThrownBy(() -> raising.evaluateAll(stream.subList(0, 4))).isInstanceOf(IllegalStateException.class);
        assertThat(memory.published).isEmpty();
        // Redelivered from the same first offset, in other boundaries.
        raising.evaluateAll(stream.subList(0, 2));
        raising.evaluateAll(stream.subList(2, 5));
        raising.evaluateAll(stream.subList(1, 5));

        assertThat(memory.alerts).isEqualTo(oneByOne.alerts);
        assertThat(memory.attachments).isEqualTo(oneByOne.attachments);
        assertThat(memory.customers).isEqualTo(oneByOne.customers);
        assertThat(memory.notifications).isEqualTo(oneByOne.notifications);
        assertThat(memory.published).isEqualTo(oneByOne.published);
    }

    @Test
    void aBatchPublishedButNotMarkedIsPublishedAgainOnRedeliveryAndMarkedThen() {
        List<ResponseScored> batch = List.of(detractor().id("r-1").build(), detractor().id("r-2").customer("c-2").build());
        memory.writesBeforeCrash = 5;

        assertThatThrownBy(() -> raising.evaluateAll(batch)).isInstanceOf(IllegalStateException.class);
        assertThat(memory.calls).last().isEqualTo("alerts.published");
        raising.evaluateAll(batch);

        assertThat(memory.published).extracting(DetractorAlertRaised::alertId).containsExactly(
                AlertRaising.alertId(batch.get(0)), AlertRaising.alertId(batch.get(1)),
                AlertRaising.alertId(batch.get(0)), AlertRaising.alertId(batch.get(1)));
        assertThat(memory.alerts.values()).allSatisfy(alert -> assertThat(alert.published()).isTrue());
        raising.evaluateAll(batch);
        assertThat(memory.published).hasSize(4);
    }

    @Test
    void aBatchReadsWhatItNeedsOnceAndWritesEachCollectionOnceInTheCrashSafeOrder() {
        List<ResponseScored> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(detractor().id("r-" + i).customer("c-" + (i % 7)).score(i % 11).at(T0.plus(Duration.ofHours(i))).build());
        }

        raising.evaluateAll(batch);

        assertThat(memory.calls).containsExactly("scored.write", "alerts.read", "attachments.read", "customers.read",
                "alerts.insert", "attachments.write", "customers.write", "notifications.write", "alerts.send", "alerts.published");
    }

    @Test
    void aRedeliveredBatchOfRaisedAlertsReadsNoAttachmentsAndSendsNothing() {
        List<ResponseScored> batch = List.of(detractor().id("r-1").build(), detractor().id("r-2").customer("c-2").build());
        raising.evaluateAll(batch);
        memory.calls.clear();

        raising.evaluateAll(batch);

        assertThat(memory.calls).containsExactly("scored.write", "alerts.read", "customers.write", "notifications.write");
        assertThat(memory.published).hasSize(2);
    }

    @Test
    void aResponseEvaluationCouldNotHandleIsRefusedByTheCheck() {
        ResponseScored response = detractor().build();
        ResponseScored withoutCustomer = new ResponseScored(response.eventId(), response.eventType(), response.schemaVersion(),
                response.occurredAt(), response.source(), response.responseId(), response.revision(), response.surveyId(), " ",
                response.accountId(), response.contact(), response.score(), response.category(), response.previousScore(),
                response.previousCategory(), response.previousResponseId(), response.comment(), response.channel(),
                response.touchpoint(), null, response.accountValue());

        AlertRaising.check(response);
        assertThatThrownBy(() -> AlertRaising.check(withoutCustomer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customerId").hasMessageContaining("attributes");
    }
}
