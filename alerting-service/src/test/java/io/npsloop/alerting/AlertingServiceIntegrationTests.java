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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.alerting.notifications.WebhookSignature;
import io.npsloop.alerting.rules.ChurnModels;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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
 * take effect at once and notify a local webhook receiver with a valid signature. Behind the real
 * filter chain with bearer tokens of the development issuer: admins change rules, team leads read
 * rules and alerts, nobody else gets in, and every admin change is in the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=nps-platform,alerting-service",
        "nps.alerting.notifications.allow-loopback-http=true",
        "nps.alerting.notifications.allowed-hosts=127.0.0.1",
        "nps.alerting.notifications.webhook-secret=" + AlertingServiceIntegrationTests.SECRET,
        "nps.alerting.notifications.dispatch-interval=PT0.2S",
        "nps.alerting.notifications.initial-backoff=PT0.2S"})
class AlertingServiceIntegrationTests {

    private static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    private static final String ADMIN = ISSUER.token("ops-admin", List.of(Role.ADMIN), List.of());
    private static final String LEAD = ISSUER.token("lin", List.of(Role.LEAD), List.of("customer-care"));
    static final String SECRET = "whsec_dGVzdC1zZWNyZXQtb2YtYXQtbGVhc3QtMjQtYnl0ZXM=";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Map.Entry<Map<String, List<String>>, String>> WEBHOOKS = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoDatabase database;

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
        JsonNode listed = JSON.readTree(get("/api/v1/alerts?customerId=" + response.customerId(), LEAD).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("alertId").asString()).isEqualTo(alertId);
    }

    /**
     * 240 responses of 50 customers (detractor answers within a week of a customer's alert join it),
     * 59 copies of earlier ones and one record that breaks the schema, sent at once so they arrive in
     * batches: exactly the alerts an independent replay expects, each published once, each
     * attachment where the replay puts it, and the broken record alone on the dead-letter topic.
     */
    @Test
    void aBatchOfScoredResponsesWithCopiesRaisesTheExpectedAlertsOnceAndDeadLettersThePoisonAlone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2025-06-02T08:00:00Z");
        List<ResponseScored> distinct = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            distinct.add(detractor().id("r-batch-" + run + "-" + i).customer("c-batch-" + run + "-" + (i % 50)).score(i % 11)
                    .at(start.plus(Duration.ofHours(i))).build());
        }
        Random random = new Random(42);
        List<String> records = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (ResponseScored response : distinct) {
            records.add(JSON.writeValueAsString(response));
            keys.add(response.customerId());
        }
        for (int copy = 0; copy < 59; copy++) {
            int at = 1 + random.nextInt(records.size() - 1);
            int of = random.nextInt(at);
            records.add(at, records.get(of));
            keys.add(at, keys.get(of));
        }
        String poison = JSON.writeValueAsString(detractor().id("r-batch-" + run + "-poison").customer("c-batch-" + run + "-7")
                .at(start).build()).replace("\"score\":5", "\"score\":42");
        records.add(150, poison);
        keys.add(150, "c-batch-" + run + "-7");
        assertThat(records).hasSize(300);
        Expected expected = replay(distinct);

        try (KafkaConsumer<String, String> alertsTopic = consumer(Topics.ALERTS);
                KafkaConsumer<String, String> deadLetters = consumer(Topics.deadLetter(Topics.SCORED))) {
            send(keys, records);

            Map<String, Integer> published = new HashMap<>();
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                alertsTopic.poll(Duration.ofMillis(200)).forEach(record -> {
                    JsonNode alert = JSON.readTree(record.value());
                    if (alert.path("responseId").asString().startsWith("r-batch-" + run)) {
                        published.merge(alert.path("alertId").asString(), 1, Integer::sum);
                    }
                });
                deadLetters.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.value().contains(run)) {
                        dead.add(record);
                    }
                });
                return published.size() >= expected.raised().size() && !dead.isEmpty()
                        && storedAlerts(run).values().stream().mapToInt(List::size).sum() == expected.attachedCount();
            });

            assertThat(published.keySet()).isEqualTo(expected.raised().keySet());
            assertThat(published.values()).as("each alert published once").containsOnly(1);
            assertThat(storedAlerts(run)).isEqualTo(expected.raised());
            assertThat(database.getCollection("alerts").find(Filters.regex("customerId", "^c-batch-" + run)))
                    .allSatisfy(alert -> assertThat(alert.getBoolean("published")).isTrue());
            assertThat(database.getCollection("scored_responses").countDocuments(Filters.regex("_id", "r-batch-" + run)))
                    .isEqualTo(240);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(poison);
                assertThat(new String(record.headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                        .contains("/score");
            });
            assertThat(meters.get("nps.consumer.batch.size").tag("binding", "raiseAlerts").summary().max())
                    .as("records are handled many at a time").isGreaterThan(1);
        }
    }

    /** What the responses raise one after another under the default rules (0-6 alerts) and a 7-day window, with no alerting code. */
    private static Expected replay(List<ResponseScored> responses) {
        Map<String, List<String>> raised = new HashMap<>();
        Map<String, Instant> openSince = new HashMap<>();
        Map<String, String> openAlert = new HashMap<>();
        int attached = 0;
        for (ResponseScored response : responses) {
            if (response.score() > 6) {
                continue;
            }
            Instant since = openSince.get(response.customerId());
            if (since != null && !response.occurredAt().isBefore(since) && response.occurredAt().isBefore(since.plus(Duration.ofDays(7)))) {
                raised.get(openAlert.get(response.customerId())).add(response.responseId());
                attached++;
            } else {
                String alertId = AlertRaising.alertId(response);
                raised.put(alertId, new ArrayList<>());
                openSince.put(response.customerId(), response.occurredAt());
                openAlert.put(response.customerId(), alertId);
            }
        }
        return new Expected(raised, attached);
    }

    /** Alert ids and, per alert, the responses attached to it. */
    private record Expected(Map<String, List<String>> raised, int attachedCount) {
    }

    private Map<String, List<String>> storedAlerts(String run) {
        Map<String, List<String>> stored = new HashMap<>();
        for (Document alert : database.getCollection("alerts").find(Filters.regex("customerId", "^c-batch-" + run))) {
            stored.put(alert.getString("_id"), alert.getList("attachedResponseIds", String.class));
        }
        return stored;
    }

    @Test
    void ruleCreatedOverTheAdminApiTakesEffectAndNotifiesItsWebhook() throws Exception {
        String ruleId = "billing-keyword-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/rules", ADMIN, """
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

        JsonNode versions = JSON.readTree(get("/api/v1/rules/" + ruleId + "/versions", ADMIN).body());
        assertThat(versions.get(0).path("actor").asString()).isEqualTo("ops-admin");
        assertThat(versions.get(0).path("change").asString()).isEqualTo("CREATED");

        JsonNode detail = await().atMost(Duration.ofSeconds(30)).until(
                () -> JSON.readTree(get("/api/v1/alerts/" + AlertRaising.alertId(response), LEAD).body()),
                node -> "DELIVERED".equals(node.path("notifications").path(0).path("status").asString()));
        assertThat(detail.path("notifications").path(0).path("attempts").path(0).path("outcome").asString()).isEqualTo("HTTP 204");
    }

    /**
     * Reporting's churn model arrives on its topic; a rule on it then raises an alert for a passive
     * whose comment mentions a theme that predicts churn, and not for a passive who mentions none.
     */
    @Test
    void aRuleOnChurnRiskAlertsAboutAPassiveWithAChurnPredictingTheme() throws Exception {
        double keptBefore = meters.find("nps.churn.models").tag("outcome", "kept").counters().stream().mapToDouble(c -> c.count()).sum();
        ChurnRiskUpdated model = ChurnModels.model(Instant.now());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // A model that breaks its schema (no month of answers) goes alone to the dead-letter topic; the one behind it is kept.
        String poison = JSON.writeValueAsString(ChurnModels.model(Instant.now().minusSeconds(1))).replace("\"windowMonths\":3", "\"windowMonths\":0")
                .replace("\"eventId\":\"m-", "\"eventId\":\"poison-" + UUID.randomUUID() + "-");
        try (KafkaConsumer<String, String> deadLetters = consumer(Topics.deadLetter(Topics.CHURN_RISK));
                KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(Topics.CHURN_RISK, ChurnRiskUpdated.KEY, poison)).get();
            producer.send(new ProducerRecord<>(Topics.CHURN_RISK, ChurnRiskUpdated.KEY, JSON.writeValueAsString(model))).get();
            await().atMost(Duration.ofSeconds(60)).until(() -> meters.find("nps.churn.models").tag("outcome", "kept").counters().stream()
                    .mapToDouble(c -> c.count()).sum() > keptBefore);
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value().equals(poison)) {
                        dead.add(record);
                    }
                });
                return !dead.isEmpty();
            });
            assertThat(new String(dead.get(0).headers().lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
                    .contains("/windowMonths");
        }

        String ruleId = "passive-at-risk-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = send("POST", "/api/v1/rules", ADMIN, """
                {"id":"%s","enabled":true,"when":{"categories":["PASSIVE"],"churnThemes":true,"minChurnRisk":0.2},
                 "then":{"severity":"HIGH","ownerQueue":"retention","firstContactSla":"PT24H"}}
                """.formatted(ruleId));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("rule").path("when").path("churnThemes").asBoolean()).isTrue();

        ResponseScored atRisk = detractor().id("r-" + UUID.randomUUID()).customer("c-" + UUID.randomUUID()).score(8)
                .comment("Fine, but the invoice was wrong again").build();
        ResponseScored notAtRisk = detractor().id("r-" + UUID.randomUUID()).customer("c-" + UUID.randomUUID()).score(8)
                .comment("Delivery was late").build();
        double evaluatedBefore = evaluated();
        send(atRisk);
        send(notAtRisk);
        await().atMost(Duration.ofSeconds(60)).until(() -> evaluated() - evaluatedBefore >= 2);

        JsonNode alert = JSON.readTree(get("/api/v1/alerts/" + AlertRaising.alertId(atRisk), LEAD).body());
        assertThat(alert.path("ownerQueue").asString()).isEqualTo("retention");
        assertThat(alert.path("matchedRules").toString()).contains(ruleId);
        assertThat(get("/api/v1/alerts/" + AlertRaising.alertId(notAtRisk), LEAD).statusCode()).isEqualTo(404);
    }

    @Test
    void invalidRuleIsRefusedWithEveryBadFieldNamedAndNothingStored() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/v1/rules", ADMIN, """
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
        assertThat(get("/api/v1/rules/Bad Id".replace(" ", "%20"), ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutATokenRulesAndAlertsAreA401ProblemWithABearerChallenge() throws Exception {
        for (HttpResponse<String> refused : List.of(get("/api/v1/rules", null), get("/api/v1/alerts", null),
                get("/api/v1/alerts/" + UUID.randomUUID(), null), send("POST", "/api/v1/rules", null, rule("no-token", "care")),
                get("/api/v1/rules", "not-a-token"))) {
            assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(401);
        }
        assertThat(get("/api/v1/rules/no-token", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void aLeadReadsRulesAndAlertsButMayNotChangeRulesOrRunADryRun() throws Exception {
        JsonNode rules = JSON.readTree(get("/api/v1/rules", LEAD).body());
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.path("rule").path("id").asString()));
        assertThat(ids).contains("detractor-0-6", "detractor-0-4", "super-detractor-0-2", "high-value-detractor");
        assertThat(get("/api/v1/rules/detractor-0-6", LEAD).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/rules/detractor-0-6/versions", LEAD).statusCode()).isEqualTo(200);
        HttpResponse<String> alerts = get("/api/v1/alerts", LEAD);
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.headers().firstValue("X-Total-Count")).isPresent();
        assertThat(get("/api/v1/alerts/" + UUID.randomUUID(), LEAD).statusCode()).isEqualTo(404);

        String ruleId = "lead-proof-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/v1/rules", ADMIN, rule(ruleId, "care")).statusCode()).isEqualTo(201);
        List<HttpResponse<String>> refused = List.of(
                send("POST", "/api/v1/rules", LEAD, rule(ruleId + "-by-lead", "care")),
                send("PUT", "/api/v1/rules/" + ruleId, LEAD, rule(ruleId, "elsewhere")),
                send("POST", "/api/v1/rules/" + ruleId + "/disable", LEAD, null),
                send("POST", "/api/v1/rules/" + ruleId + "/enable", LEAD, null),
                send("DELETE", "/api/v1/rules/" + ruleId, LEAD, null),
                send("POST", "/api/v1/rules/dry-run", LEAD, "{\"days\":7,\"rules\":[" + rule(ruleId, "care") + "]}"));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        JsonNode unchanged = JSON.readTree(get("/api/v1/rules/" + ruleId, LEAD).body());
        assertThat(unchanged.path("version").asLong()).isEqualTo(1);
        assertThat(unchanged.path("rule").path("enabled").asBoolean()).isTrue();
        assertThat(unchanged.path("rule").path("then").path("ownerQueue").asString()).isEqualTo("care");
        assertThat(get("/api/v1/rules/" + ruleId + "-by-lead", ADMIN).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ANALYST", "AGENT"})
    void analystsAndAgentsAreForbiddenRulesAndAlerts(Role role) throws Exception {
        String token = ISSUER.token("someone", List.of(role), List.of("*"));
        String ruleId = "forbidden-" + UUID.randomUUID().toString().substring(0, 8);
        List<HttpResponse<String>> refused = List.of(
                get("/api/v1/rules", token),
                get("/api/v1/rules/detractor-0-6", token),
                get("/api/v1/rules/detractor-0-6/versions", token),
                get("/api/v1/alerts", token),
                get("/api/v1/alerts/" + UUID.randomUUID(), token),
                send("POST", "/api/v1/rules", token, rule(ruleId, "care")),
                send("POST", "/api/v1/rules/detractor-0-6/disable", token, null),
                send("POST", "/api/v1/rules/dry-run", token, "{\"days\":7,\"rules\":[" + rule(ruleId, "care") + "]}"));
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(get("/api/v1/rules/" + ruleId, ADMIN).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/api/v1/rules/detractor-0-6", ADMIN).body()).path("rule").path("enabled").asBoolean()).isTrue();
    }

    @Test
    void anAdminRuleChangeIsInTheAuditLogWithTheAdminsNameAndTheBody() throws Exception {
        String ruleId = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        String body = rule(ruleId, "audit-care");
        assertThat(send("POST", "/api/v1/rules", ADMIN, body).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/v1/rules/" + ruleId + "/disable", ADMIN, null).statusCode()).isEqualTo(200);
        // Refused changes are not audited: a lead's attempt and an admin's invalid rule.
        assertThat(send("DELETE", "/api/v1/rules/" + ruleId, LEAD, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/rules", ADMIN, rule(ruleId, "")).statusCode()).isEqualTo(400);

        HttpResponse<String> audit = get("/api/v1/admin/audit", ADMIN);
        assertThat(audit.statusCode()).isEqualTo(200);
        List<JsonNode> matching = new ArrayList<>();
        JSON.readTree(audit.body()).forEach(entry -> {
            if (entry.path("path").asString().contains(ruleId) || entry.path("body").asString().contains(ruleId)) {
                matching.add(entry);
            }
        });
        assertThat(matching).hasSize(2);
        Map<String, JsonNode> entries = new HashMap<>();
        matching.forEach(entry -> entries.put(entry.path("path").asString(), entry));
        assertThat(entries).containsOnlyKeys("/api/v1/rules", "/api/v1/rules/" + ruleId + "/disable");
        JsonNode created = entries.get("/api/v1/rules");
        assertThat(created.path("actor").asString()).isEqualTo("ops-admin");
        assertThat(created.path("service").asString()).isEqualTo("alerting-service");
        assertThat(created.path("method").asString()).isEqualTo("POST");
        assertThat(created.path("status").asInt()).isEqualTo(201);
        assertThat(created.path("body").asString()).isEqualTo(body);
        JsonNode disabled = entries.get("/api/v1/rules/" + ruleId + "/disable");
        assertThat(disabled.path("actor").asString()).isEqualTo("ops-admin");
        assertThat(disabled.path("method").asString()).isEqualTo("POST");
        assertThat(disabled.path("status").asInt()).isEqualTo(200);

        assertThat(get("/api/v1/admin/audit", LEAD).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/audit", null).statusCode()).isEqualTo(401);
    }

    @Test
    void alertFiltersAreValidated() throws Exception {
        HttpResponse<String> refused = get("/api/v1/alerts?severity=URGENT&from=yesterday&size=0", LEAD);

        assertThat(refused.statusCode()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(refused.body()).path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("severity", "from", "size");
    }

    private static String rule(String id, String ownerQueue) {
        return """
                {"id":"%s","enabled":true,"when":{"maxScore":0,"commentKeywords":["never-in-a-test-comment"]},
                 "then":{"severity":"NORMAL","ownerQueue":"%s","firstContactSla":"PT48H"}}
                """.formatted(id, ownerQueue);
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

    private static void send(List<String> keys, List<String> values) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                sent.add(producer.send(new ProducerRecord<>(Topics.SCORED, keys.get(i), values.get(i))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    /** A reader of the topic from its start, subscribed before anything is sent. */
    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "alerting-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
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

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(e -> e.getValue().get(0)).orElseThrow(() -> new AssertionError("No header " + name));
    }
}
