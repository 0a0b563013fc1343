package io.npsloop.alerting.notifications.mongo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.alerting.notifications.Notification;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.mongo.JsonDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

class MongoNotificationOutboxIntegrationTests {

    private static final MongoClient CLIENT = MongoClients.create(LocalInfrastructure.shared().mongoUri());

    private final MongoNotificationOutbox outbox = new MongoNotificationOutbox(
            CLIENT.getDatabase("alerting_outbox_" + UUID.randomUUID().toString().replace("-", "")),
            new JsonDocuments(JsonMapper.builder().build()));

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    @Test
    void enqueueIsIdempotentAndAClaimIsTakenOnce() {
        Notification ops = Notification.due(alert(), new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK,
                "https://hooks.example.com/x"), T0);
        Notification lead = Notification.due(alert(), new NotificationTarget("lead", NotificationTarget.Channel.EMAIL,
                "lead@example.com"), T0);

        outbox.enqueue(List.of(ops));
        outbox.enqueue(List.of(ops, lead));

        assertThat(outbox.due(T0, 10)).hasSize(2);
        assertThat(outbox.due(T0.minusSeconds(1), 10)).isEmpty();
        assertThat(outbox.claim(ops.id(), T0, T0.plusSeconds(120))).isTrue();
        assertThat(outbox.claim(ops.id(), T0, T0.plusSeconds(120))).isFalse();
        assertThat(outbox.due(T0.plusSeconds(60), 10)).extracting(Notification::id).containsExactly(lead.id());
    }

    @Test
    void attemptsAreAppendedWithTheirOutcome() {
        Notification ops = Notification.due(alert(), new NotificationTarget("ops", NotificationTarget.Channel.SLACK,
                "https://hooks.slack.com/x"), T0);
        outbox.enqueue(List.of(ops));

        outbox.record(ops.id(), new Notification.Attempt(T0, false, "HTTP 500"), Notification.Status.PENDING, T0.plusSeconds(30));
        outbox.record(ops.id(), new Notification.Attempt(T0.plusSeconds(30), true, "HTTP 200"), Notification.Status.DELIVERED,
                T0.plusSeconds(30));

        Notification stored = outbox.forAlert(ops.alertId()).get(0);
        assertThat(stored.status()).isEqualTo(Notification.Status.DELIVERED);
        assertThat(stored.attempts()).containsExactly(new Notification.Attempt(T0, false, "HTTP 500"),
                new Notification.Attempt(T0.plusSeconds(30), true, "HTTP 200"));
        assertThat(stored.alert()).isEqualTo(alert());
        assertThat(outbox.due(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
    }

    private static DetractorAlertRaised alert() {
        ResponseScored response = detractor().build();
        return new DetractorAlertRaised("al-1", EventTypes.DETRACTOR_ALERT_RAISED, 1, T0, "al-1", response.responseId(),
                response.customerId(), response.accountId(), response.contact(), response.score(), response.category(),
                response.comment(), response.channel(), response.touchpoint(), response.attributes(), response.accountValue(),
                Severity.NORMAL, "care", List.of("detractor-0-6"), T0, T0.plus(Duration.ofHours(48)));
    }
}
