package io.npsloop.alerting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.alerting.notifications.WebhookSignature;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service against the real broker and the wire-compatible store: a scored response in, one
 * alert out on nps.alerts.v1 even when the record arrives twice; rules managed over the admin API
 * take effect at once and notify a local webhook receiver with a valid signature.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=nps-platform,alerting-service",
        "nps.alerting.admin.api-keys.ops-lead=" + AlertingServiceIntegrationTests.ADMIN_KEY,
        "nps.alerting.notifications.allow-loopback-http=true",
        "nps.alerting.notifications.allowed-hosts=127.0.0.1",
        "nps.alerting.notifications.webhook-secret=" + AlertingServiceIntegrationTests.SECRET,
        "nps.alerting.notifications.dispatch-interval=PT0.2S",
        "nps.alerting.notifications.initial-backoff=PT0.2S"})
class AlertingServiceIntegrationTests {

    static final String ADMIN_KEY = "test-admin-key-0123456789";
    static final String SECRET = "whsec_dGVzdC1zZWNyZXQtb2YtYXQtbGVhc3QtMjQtYnl0ZXM=";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Map.Entry<Map<String, List<String>>, String>> WEBHOOKS = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure infrastructure = LocalInfrastructure.shared();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", infrastructure::mongoUri);
        registry.add("spring.mongodb.database", () -> "alerting_it_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            WEBHOOKS.add(Map.entry(Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void sameScoredRecordSentTwiceYieldsExactlyOneAlertOnTheTopic() throws Exception {
        ResponseScored response = detractor().id("r-" + UUID.randomUUID()).customer("c-" + UUID.randomUUID()).score(2).build();
        String alertId = AlertRaising.alertId(response);
        double evaluatedBefore = evaluated();

        send(response);
        send(response);

        await().atMost(Duration.ofSeconds(60)).until(() -> evaluated() - evaluatedBefore >= 2);
        List<JsonNode> alerts = alertsOnTopic(alertId);
        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
            assertThat(alert.path("ownerQueue").asString()).isEqualTo("executive");
            assertThat(alert.path("comment").asString()).isEqualTo("Delivery was late");
        });
        JsonNode listed = JSON.readTree(get("/api/v1/alerts?customerId=" + response.customerId(), null).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("alertId").asString()).isEqualTo(alertId);
    }

    @Test
    void ruleCreatedOverTheAdminApiTakesEffectAndNotifiesItsWebhook() throws Exception {
        String ruleId = "billing-keyword-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/rules", ADMIN_KEY, """
                {"id":"%s","description":"Billing complaints go to billing","enabled":true,
                 "when":{"maxScore":6,"commentKeywords":["invoice","账单"]},
                 "then":{"severity":"CRITICAL","ownerQueue":"billing","firstContactSla":"PT2H",
                         "notifications":[{"name":"billing-hook","channel":"WEBHOOK","address":"http://127.0.0.1:%d/hooks/billing"}]}}
                """.formatted(ruleId, receiver.getAddress().getPort()));
        assertThat(created.statusCode()).isEqualTo(201);

        ResponseScored response = detractor().id("r-" + UUID.randomUUID()).customer("c-" + UUID.randomUUID()).score(6)
                .comment("上个月的账单错了").build();
        send(response);

        Map.Entry<Map<String, List<String>>, String> webhook = await().atMost(Duration.ofSeconds(60)).until(
                () -> WEBHOOKS.stream().filter(w -> w.getValue().contains(response.responseId())).findFirst().orElse(null),
                w -> w != null);
        String id = first(webhook.getKey(), "webhook-id");
        long timestamp = Long.parseLong(first(webhook.getKey(), "webhook-timestamp"));
        assertThat(first(webhook.getKey(), "webhook-signature"))
                .isEqualTo(new WebhookSignature(SECRET).sign(id, timestamp, webhook.getValue()));
        JsonNode alert = JSON.readTree(webhook.getValue()).path("data");
        assertThat(alert.path("ownerQueue").asString()).isEqualTo("billing");
        assertThat(alert.path("ruleSeverities").path(ruleId).asString()).isEqualTo("CRITICAL");
        assertThat(alert.path("ruleSeverities").path("detractor-0-6").asString()).isEqualTo("NORMAL");

        JsonNode versions = JSON.readTree(get("/api/v1/rules/" + ruleId + "/versions", ADMIN_KEY).body());
        assertThat(versions.get(0).path("actor").asString()).isEqualTo("ops-lead");
        assertThat(versions.get(0).path("change").asString()).isEqualTo("CREATED");

        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get("/api/v1/alerts/" + AlertRaising.alertId(response), null).body()),
                node -> "DELIVERED".equals(node.path("notifications").path(0).path("status").asString()));
        assertThat(detail.path("notifications").path(0).path("attempts").path(0).path("outcome").asString()).isEqualTo("HTTP 204");
    }

    @Test
    void invalidRuleIsRefusedWithEveryBadFieldNamedAndNothingStored() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/v1/rules", ADMIN_KEY, """
                {"id":"Bad Id","enabled":true,"when":{"minScore":8,"maxScore":3},
                 "then":{"severity":"HIGH","ownerQueue":"care","firstContactSla":"PT4H",
                         "notifications":[{"name":"x","channel":"WEBHOOK","address":"https://169.254.169.254/latest"}]}}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        JsonNode errors = JSON.readTree(refused.body()).path("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("id", "when.maxScore", "then.notifications[0].address");
        assertThat(get("/api/v1/rules/Bad Id".replace(" ", "%20"), ADMIN_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void ruleManagementNeedsAnAdminKey() throws Exception {
        assertThat(get("/api/v1/rules", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/rules", "wrong-key").statusCode()).isEqualTo(401);
        JsonNode rules = JSON.readTree(get("/api/v1/rules", ADMIN_KEY).body());
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.path("rule").path("id").asString()));
        assertThat(ids).contains("detractor-0-6", "detractor-0-4", "super-detractor-0-2", "high-value-detractor");
    }

    @Test
    void alertFiltersAreValidated() throws Exception {
        HttpResponse<String> refused = get("/api/v1/alerts?severity=URGENT&from=yesterday&size=0", null);

        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(refused.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("severity", "from", "size");
    }

    private double evaluated() {
        return meters.find("nps.alerts.evaluated").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static void send(ResponseScored response) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.SCORED, response.customerId(), JSON.writeValueAsString(response))).get();
        }
    }

    private static List<JsonNode> alertsOnTopic(String alertId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "alerting-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.ALERTS));
            Instant quietUntil = Instant.now().plusSeconds(30);
            int emptyPolls = 0;
            // Read until the topic has been quiet for a few polls after the alert showed up.
            while (Instant.now().isBefore(quietUntil) && (found.isEmpty() || emptyPolls < 3)) {
                var records = consumer.poll(Duration.ofSeconds(1));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode alert = JSON.readTree(record.value());
                    if (alertId.equals(alert.path("alertId").asString())) {
                        found.add(alert);
                    }
                }
            }
        }
        return found;
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key, null);
    }

    private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(e -> e.getValue().get(0)).orElseThrow(() -> new AssertionError("No header " + name));
    }
}
