package io.npsloop.alerting.alerts.mongo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.alerting.alerts.CustomerAlerts.OpenAlert;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

/** The alert-side MongoDB adapters against the wire-compatible store, through the real driver. */
class MongoAlertStoresIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());
    private final MongoDatabase database = CLIENT.getDatabase("alerting_stores_" + UUID.randomUUID().toString().replace("-", ""));
    private final JsonDocuments json = new JsonDocuments(JsonMapper.builder().build());

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void customerKeepsTheAlertOfTheirLatestAnswer() {
        MongoCustomerAlerts customers = new MongoCustomerAlerts(database);

        customers.rememberAll(Map.of("c-1", new OpenAlert("a-2", T0.plus(Duration.ofDays(2)))));
        customers.rememberAll(Map.of("c-1", new OpenAlert("a-1", T0), "c-2", new OpenAlert("a-5", T0)));
        customers.rememberAll(Map.of("c-1", new OpenAlert("a-2", T0.plus(Duration.ofDays(2)))));

        assertThat(customers.latestAll(List.of("c-1", "c-2", "c-unknown"))).isEqualTo(Map.of(
                "c-1", new OpenAlert("a-2", T0.plus(Duration.ofDays(2))), "c-2", new OpenAlert("a-5", T0)));
        customers.rememberAll(Map.of("c-1", new OpenAlert("a-3", T0.plus(Duration.ofDays(3)))));
        assertThat(customers.latestAll(List.of("c-1")).get("c-1").alertId()).isEqualTo("a-3");
        assertThat(customers.latestAll(List.of())).isEmpty();
    }

    @Test
    void alertRoundTripsWithTargetsAttachmentsAndFilters() {
        MongoAlertStore store = new MongoAlertStore(database, json);
        NotificationTarget ops = new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK, "https://hooks.example.com/x");
        DetractorAlertRaised critical = alert(detractor().id("r-1").score(1).build(), Severity.CRITICAL, "executive");
        DetractorAlertRaised normal = alert(detractor().id("r-2").customer("c-2").score(6).build(), Severity.NORMAL, "care");

        store.insertAllIfAbsent(List.of(new AlertStore.NewAlert(critical, List.of(ops))));
        Map<String, AlertStore.StoredAlert> again = store.insertAllIfAbsent(List.of(new AlertStore.NewAlert(critical, List.of()),
                new AlertStore.NewAlert(normal, List.of())));
        store.attachAll(List.of(new AlertStore.Attachment("own-r-3", critical.alertId(), "r-3"),
                new AlertStore.Attachment("own-r-4", critical.alertId(), "r-4")));
        store.attachAll(List.of(new AlertStore.Attachment("own-r-3", critical.alertId(), "r-3")));

        assertThat(again.get(critical.alertId()).targets()).as("the alert stored first").containsExactly(ops);
        assertThat(again.get(normal.alertId()).alert()).isEqualTo(normal);
        assertThat(store.find(critical.alertId()).alert()).isEqualTo(critical);
        assertThat(store.find(critical.alertId()).attachedResponseIds()).containsExactly("r-3", "r-4");
        assertThat(store.attachedToAll(List.of("own-r-3", "own-r-4", "own-r-9")))
                .isEqualTo(Map.of("own-r-3", critical.alertId(), "own-r-4", critical.alertId()));
        assertThat(store.findAll(List.of(critical.alertId(), normal.alertId(), "al-none"))).containsOnlyKeys(critical.alertId(),
                normal.alertId());
        store.markAllPublished(List.of(critical.alertId(), normal.alertId()));
        assertThat(store.findAll(List.of(critical.alertId(), normal.alertId())).values())
                .allSatisfy(alert -> assertThat(alert.published()).isTrue());
        AlertStore.Page page = store.search(new AlertStore.AlertQuery(Severity.CRITICAL, "executive", T0, T0.plusSeconds(60),
                "c-1", 0, 10));
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.alerts()).extracting(a -> a.alert().alertId()).containsExactly(critical.alertId());
        assertThat(store.search(new AlertStore.AlertQuery(null, null, null, null, null, 1, 1)).alerts()).hasSize(1);
    }

    @Test
    void scoredResponsesAreReplayedInAnswerOrderAndEvicted() {
        MongoScoredResponses scored = new MongoScoredResponses(database, json);
        scored.recordAll(List.of(detractor().id("late").at(T0.plus(Duration.ofDays(2))).build(),
                detractor().id("early").at(T0).score(3).build()));
        scored.recordAll(List.of(detractor().id("early").at(T0).score(2).build(), detractor().id("early").at(T0).score(1).build()));

        assertThat(scored.answeredSince(T0)).extracting(ResponseScored::responseId).containsExactly("early", "late");
        assertThat(scored.answeredSince(T0).get(0).score()).as("the batch's last copy").isEqualTo(1);
        assertThat(scored.evictAnsweredBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(scored.answeredSince(T0)).extracting(ResponseScored::responseId).containsExactly("late");
    }

    private static DetractorAlertRaised alert(ResponseScored response, Severity severity, String queue) {
        String id = "al-" + response.responseId();
        return new DetractorAlertRaised(id, EventTypes.DETRACTOR_ALERT_RAISED, 1, T0, id, response.responseId(),
                response.customerId(), response.accountId(), response.contact(), response.score(), response.category(),
                response.comment(), response.channel(), response.touchpoint(), response.attributes(), response.accountValue(),
                severity, queue, List.of("rule-a"), T0, T0.plus(Duration.ofHours(4)));
    }
}
