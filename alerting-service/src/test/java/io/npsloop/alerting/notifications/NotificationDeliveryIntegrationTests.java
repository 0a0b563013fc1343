package io.npsloop.alerting.notifications;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.npsloop.alerting.Responses;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.alerting.notifications.http.HttpNotificationSender;
import io.npsloop.alerting.notifications.mail.MailNotificationSender;
import io.npsloop.alerting.rules.NotificationTarget.Channel;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Severity;
import io.npsloop.testing.MutableClock;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications over real protocols: a local HTTP receiver on 127.0.0.1 (allowed only through the
 * development switch) and a GreenMail SMTP server. The dispatcher runs with a hand-moved clock.
 */
class NotificationDeliveryIntegrationTests {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "a-test-secret-of-32-bytes-length".getBytes(StandardCharsets.US_ASCII));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-04T10:00:00Z"));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private HttpServer receiver;
    private HttpNotificationSender http;

    record Received(String path, Map<String, List<String>> headers, String body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            if (exchange.getRequestURI().getPath().startsWith("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/internal-admin");
                exchange.sendResponseHeaders(302, -1);
            } else if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(500, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() throws Exception {
        receiver.stop(0);
        if (http != null) {
            http.close();
        }
    }

    @Test
    void webhookArrivesWithAValidStandardWebhooksSignature() throws Exception {
        NotificationDispatcher dispatcher = dispatcher(true);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK, url("/hooks/ops")));

        assertThat(dispatcher.dispatchDue()).isEqualTo(1);

        assertThat(received).singleElement().satisfies(request -> {
            String id = header(request, "webhook-id");
            String timestamp = header(request, "webhook-timestamp");
            assertThat(id).isEqualTo(notification.id());
            assertThat(Long.parseLong(timestamp)).isEqualTo(clock.instant().getEpochSecond());
            assertThat(header(request, "webhook-signature"))
                    .isEqualTo(new WebhookSignature(SECRET).sign(id, Long.parseLong(timestamp), request.body()));
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.path("type").asString()).isEqualTo(EventTypes.DETRACTOR_ALERT_RAISED);
            assertThat(body.path("data").path("alertId").asString()).isEqualTo(notification.alertId());
            assertThat(body.path("data").path("comment").asString()).isEqualTo("Delivery was late");
        });
        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.DELIVERED);
    }

    @Test
    void failedDeliveryIsRetriedAfterTheBackoffAndEveryAttemptRecorded() {
        NotificationDispatcher dispatcher = dispatcher(true);
        failuresToServe.set(1);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK, url("/hooks/ops")));

        dispatcher.dispatchDue();
        Notification afterFailure = outbox.get(notification.id());
        assertThat(afterFailure.status()).isEqualTo(Notification.Status.PENDING);
        assertThat(afterFailure.attempts()).singleElement().satisfies(a -> {
            assertThat(a.delivered()).isFalse();
            assertThat(a.outcome()).isEqualTo("HTTP 500");
        });
        assertThat(afterFailure.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(10));

        assertThat(dispatcher.dispatchDue()).as("not due before the back-off").isZero();
        clock.advance(Duration.ofSeconds(10));
        dispatcher.dispatchDue();

        Notification delivered = outbox.get(notification.id());
        assertThat(delivered.status()).isEqualTo(Notification.Status.DELIVERED);
        assertThat(delivered.attempts()).extracting(Notification.Attempt::outcome).containsExactly("HTTP 500", "HTTP 200");
        assertThat(received).hasSize(2);
        assertThat(header(received.get(0), "webhook-id")).isEqualTo(header(received.get(1), "webhook-id"));
    }

    @Test
    void deliveryGivesUpAfterTheMaximumNumberOfAttempts() {
        NotificationDispatcher dispatcher = dispatcher(true);
        failuresToServe.set(100);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK, url("/hooks/ops")));

        for (int i = 0; i < 5; i++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.FAILED);
        assertThat(outbox.get(notification.id()).attempts()).hasSize(3);
    }

    @Test
    void loopbackReceiverIsRefusedUnlessTheDevelopmentSwitchIsOn() {
        NotificationDispatcher dispatcher = dispatcher(false);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK, url("/hooks/ops")));

        dispatcher.dispatchDue();

        assertThat(received).isEmpty();
        Notification refused = outbox.get(notification.id());
        assertThat(refused.status()).isEqualTo(Notification.Status.FAILED);
        assertThat(refused.attempts()).singleElement().satisfies(a -> assertThat(a.outcome()).startsWith("refused URL"));
    }

    @Test
    void redirectIsNeverFollowed() {
        NotificationDispatcher dispatcher = dispatcher(true);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK, url("/redirect")));

        dispatcher.dispatchDue();

        assertThat(received).extracting(Received::path).containsExactly("/redirect");
        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.FAILED);
        assertThat(outbox.get(notification.id()).attempts().get(0).outcome()).contains("redirects are not followed");
    }

    @Test
    void allowListedNameThatResolvesToLoopbackIsRefusedBeforeConnecting() {
        OutboundUrlPolicy policy = new OutboundUrlPolicy(List.of("hooks.example.com"), false,
                host -> new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()});
        NotificationDispatcher dispatcher = dispatcher(policy);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK,
                "https://hooks.example.com:" + port() + "/hooks/ops"));

        dispatcher.dispatchDue();

        assertThat(received).isEmpty();
        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.FAILED);
        assertThat(outbox.get(notification.id()).attempts().get(0).outcome())
                .startsWith("refused address").contains("resolves to 127.0.0.1");
    }

    @Test
    void connectionGoesToTheAddressThePolicyCheckedAndNoOther() {
        // The name is resolved once, by the policy; the client connects to exactly that address.
        OutboundUrlPolicy policy = new OutboundUrlPolicy(List.of("receiver.test"), true,
                host -> new java.net.InetAddress[] {java.net.InetAddress.getLoopbackAddress()});
        NotificationDispatcher dispatcher = dispatcher(policy);
        Notification notification = enqueue(new NotificationTarget("ops", Channel.WEBHOOK,
                "http://receiver.test:" + port() + "/pinned"));

        dispatcher.dispatchDue();

        assertThat(received).extracting(Received::path).containsExactly("/pinned");
        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.DELIVERED);
    }

    @Test
    void slackMessageCarriesTheAlertAsText() throws Exception {
        NotificationDispatcher dispatcher = dispatcher(true);
        enqueue(new NotificationTarget("care-channel", Channel.SLACK, url("/services/T0/B0/x")));

        dispatcher.dispatchDue();

        JsonNode body = JSON.readTree(received.get(0).body());
        assertThat(body.path("text").asString()).contains("[CRITICAL]", "customer c-1", "Delivery was late")
                .doesNotContain("ada@example.com");
        assertThat(body.path("blocks").get(0).path("type").asString()).isEqualTo("section");
    }

    @Test
    void emailReachesTheSmtpServer() throws Exception {
        NotificationDispatcher dispatcher = dispatcher(true);
        Notification notification = enqueue(new NotificationTarget("lead", Channel.EMAIL, "lead@example.com"));

        dispatcher.dispatchDue();

        MimeMessage[] messages = smtp.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(messages[0].getSubject()).isEqualTo("[CRITICAL] NPS alert: customer c-1 answered 1");
        assertThat(messages[0].getAllRecipients()[0].toString()).isEqualTo("lead@example.com");
        assertThat(((String) messages[0].getContent())).contains("Delivery was late", "Queue: executive");
        assertThat(outbox.get(notification.id()).status()).isEqualTo(Notification.Status.DELIVERED);
    }

    private NotificationDispatcher dispatcher(boolean allowLoopback) {
        return dispatcher(new OutboundUrlPolicy(List.of("127.0.0.1"), allowLoopback));
    }

    private NotificationDispatcher dispatcher(OutboundUrlPolicy policy) {
        http = new HttpNotificationSender(policy, new WebhookSignature(SECRET), JSON, Duration.ofSeconds(2),
                Duration.ofSeconds(5), clock);
        JavaMailSenderImpl mail = new JavaMailSenderImpl();
        mail.setHost("127.0.0.1");
        mail.setPort(ServerSetupTest.SMTP.getPort());
        NotificationSender email = new MailNotificationSender(mail, "nps@example.com");
        ChannelRouting routing = new ChannelRouting(Map.of(Channel.WEBHOOK, http, Channel.SLACK, http,
                Channel.EMAIL, email));
        return new NotificationDispatcher(outbox, routing, new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1), 3),
                Duration.ofMinutes(2), 10, clock);
    }

    private Notification enqueue(NotificationTarget target) {
        var response = Responses.detractor().score(1).build();
        String alertId = AlertRaising.alertId(response);
        DetractorAlertRaised alert = new DetractorAlertRaised(alertId, EventTypes.DETRACTOR_ALERT_RAISED, 1, clock.instant(),
                alertId, response.responseId(), response.customerId(), response.accountId(), response.contact(),
                response.score(), response.category(), response.comment(), response.channel(), response.touchpoint(),
                response.attributes(), response.accountValue(), Severity.CRITICAL, "executive",
                List.of("super-detractor-0-2"), clock.instant(), clock.instant().plus(Duration.ofHours(4)));
        Notification notification = Notification.due(alert, target, clock.instant());
        outbox.enqueue(List.of(notification));
        return notification;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private int port() {
        return receiver.getAddress().getPort();
    }

    private static String header(Received request, String name) {
        for (Map.Entry<String, List<String>> entry : request.headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue().get(0);
            }
        }
        throw new AssertionError("No header " + name + " in " + request.headers().keySet());
    }

    /** A minimal outbox in memory; the MongoDB one is covered by the service integration test. */
    private static final class InMemoryOutbox implements NotificationOutbox {
        private final Map<String, Notification> entries = new java.util.concurrent.ConcurrentHashMap<>();

        Notification get(String id) {
            return entries.get(id);
        }

        @Override
        public void enqueue(List<Notification> notifications) {
            notifications.forEach(n -> entries.putIfAbsent(n.id(), n));
        }

        @Override
        public List<Notification> due(Instant now, int limit) {
            return entries.values().stream().filter(n -> n.status() == Notification.Status.PENDING
                    && !n.nextAttemptAt().isAfter(now)).limit(limit).toList();
        }

        @Override
        public boolean claim(String id, Instant dueAt, Instant leaseUntil) {
            Notification n = entries.get(id);
            if (!n.nextAttemptAt().equals(dueAt)) {
                return false;
            }
            entries.put(id, new Notification(n.id(), n.alertId(), n.target(), n.alert(), n.status(), n.attempts(), leaseUntil));
            return true;
        }

        @Override
        public void record(String id, Notification.Attempt attempt, Notification.Status status, Instant nextAttemptAt) {
            Notification n = entries.get(id);
            List<Notification.Attempt> attempts = new ArrayList<>(n.attempts());
            attempts.add(attempt);
            entries.put(id, new Notification(n.id(), n.alertId(), n.target(), n.alert(), status, attempts, nextAttemptAt));
        }

        @Override
        public List<Notification> forAlert(String alertId) {
            return entries.values().stream().filter(n -> n.alertId().equals(alertId)).toList();
        }
    }
}
