package io.npsloop.followup;

import java.math.BigDecimal;
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
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=nps-platform,followup-service")
class FollowupIntegrationTests {

    private static final String PASSWORD = "nps-dev-password";
    private static KafkaConsumer<String, String> followups;
    private static final List<JsonNode> seen = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper mapper;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("seedIncentives")
    ApplicationRunner seedIncentives;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        LocalInfrastructure infra = LocalInfrastructure.shared();
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", infra::mongoUri);
        registry.add("followup.sla-check-interval", () -> "PT1S");
        registry.add("spring.mongodb.database", () -> "followup_it_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @BeforeAll
    static void listen() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "followup-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        followups = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        followups.subscribe(List.of(Topics.FOLLOWUPS));
    }

    @AfterAll
    static void stop() {
        followups.close();
    }

    @Test
    void alertOpensOneCaseWorkedThroughToAClosedLoop() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        DetractorAlertRaised alert = alert(alertId, customer);
        send(Topics.ALERTS, customer, alert);
        send(Topics.ALERTS, customer, alert); // a redelivery

        JsonNode opened = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null);
        String caseId = opened.get("caseId").asString();
        assertThat(opened.get("queue").asString()).isEqualTo("executive");
        assertThat(opened.get("state").asString()).isEqualTo("OPEN");
        assertThat(get("/api/v1/suppressions?customerId=" + customer).get("customerIds").get(0).asString()).isEqualTo(customer);

        // Parallel claims by two agents: exactly one wins.
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = i % 2 == 0 ? "ada" : "grace";
            results.add(pool.submit((Callable<String>) () -> {
                start.await();
                return user + " " + post(user, "/api/v1/cases/" + caseId + "/claim", null).statusCode();
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        JsonNode claimed = get("/api/v1/cases/" + caseId);
        String holder = claimed.get("claimedBy").asString();
        String other = holder.equals("ada") ? "grace" : "ada";
        // The holder's own repeated claims may answer 200 (idempotent); every claim by the other agent got 409.
        assertThat(statuses).contains(holder + " 200").doesNotContain(other + " 200")
                .allMatch(s -> s.endsWith(" 200") || s.endsWith(" 409"));
        assertThat(post(other, "/api/v1/cases/" + caseId + "/claim", null).statusCode()).isEqualTo(409);

        HttpResponse<String> illegal = post(holder, "/api/v1/cases/" + caseId + "/resolve", null);
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(mapper.readTree(illegal.body()).get("state").asString()).isEqualTo("CLAIMED");
        assertThat(mapper.readTree(illegal.body()).get("action").asString()).isEqualTo("RESOLVE");
        assertThat(post(null, "/api/v1/cases/" + caseId + "/release", null).statusCode()).isEqualTo(401);

        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"note\":\"no answer\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"CALLBACK_REQUESTED\"}").statusCode()).isEqualTo(400);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/root-causes",
                "{\"categories\":[\"no-such-cause\"]}").statusCode()).isEqualTo(400);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/root-causes",
                "{\"categories\":[\"delivery\"]}").statusCode()).isEqualTo(200);
        HttpResponse<String> offer = post(holder, "/api/v1/cases/" + caseId + "/incentive", "{\"accepted\":true}");
        assertThat(offer.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(offer.body()).at("/incentive/experimentId").asString()).isEqualTo("delivery-incentives");
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/resolve", "{\"note\":\"sorted\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/resurvey", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/suppressions?customerId=" + customer).get("customerIds")).isEmpty();

        send(Topics.SCORED, customer, promoterAnswer(customer));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/cases/" + caseId), node -> !node.get("answer").isNull());
        assertThat(closed.at("/answer/transition").asString()).isEqualTo("DETRACTOR->PROMOTER");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<String> types = seen.stream().filter(e -> caseId.equals(e.path("caseId").asString(null)))
                    .map(e -> e.get("eventType").asString()).toList();
            assertThat(types).filteredOn(EventTypes.CASE_OPENED::equals).hasSize(1);
            assertThat(types).contains(EventTypes.CASE_STATUS_CHANGED, EventTypes.CONTACT_ATTEMPTED,
                    EventTypes.ROOT_CAUSE_CODED, EventTypes.INCENTIVE_OFFERED, EventTypes.RESURVEY_REQUESTED,
                    EventTypes.LOOP_CLOSED);
        });
    }

    @Test
    void taxonomyIsManagedAndAPromotedSuggestionRecodesTheMatchingCases() throws Exception {
        assertThat(post("lin", "/api/v1/root-causes", "{\"name\":\"Packaging\"}").statusCode()).isEqualTo(201);
        assertThat(put("lin", "/api/v1/root-causes/packaging", "{\"name\":\"Packaging damage\"}").statusCode()).isEqualTo(200);
        assertThat(post("lin", "/api/v1/root-causes/packaging/deactivate", null).statusCode()).isEqualTo(200);
        JsonNode packaging = null;
        for (JsonNode rootCause : get("/api/v1/root-causes")) {
            if (rootCause.get("id").asString().equals("packaging")) {
                packaging = rootCause;
            }
        }
        assertThat(packaging).isNotNull();
        assertThat(packaging.get("name").asString()).isEqualTo("Packaging damage");
        assertThat(packaging.get("active").asBoolean()).isFalse();

        List<String> caseIds = new ArrayList<>();
        String[] texts = {"courier left it at the wrong address", "Wrong address again!", "送错地址了，快递很慢"};
        for (String text : texts) {
            String customer = "c-" + UUID.randomUUID();
            String alertId = "al-" + UUID.randomUUID();
            send(Topics.ALERTS, customer, alert(alertId, customer));
            String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null)
                    .get("caseId").asString();
            assertThat(post("ada", "/api/v1/cases/" + caseId + "/claim", null).statusCode()).isEqualTo(200);
            post("ada", "/api/v1/cases/" + caseId + "/contact-attempts", "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}");
            assertThat(post("ada", "/api/v1/cases/" + caseId + "/root-causes",
                    mapper.writeValueAsString(Map.of("categories", List.of("other"), "otherText", text))).statusCode()).isEqualTo(200);
            caseIds.add(caseId);
        }

        JsonNode suggestions = get("/api/v1/root-causes/suggestions?minCount=2");
        assertThat(suggestions.findValuesAsString("phrase")).contains("wrong address");

        HttpResponse<String> promoted = post("lin", "/api/v1/root-causes/suggestions/promote",
                "{\"phrase\":\"wrong address\",\"name\":\"Wrong address\",\"recode\":true}");
        assertThat(promoted.statusCode()).isEqualTo(201);
        assertThat(mapper.readTree(promoted.body()).get("recodedCases").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(caseIds.get(0), caseIds.get(1));
        assertThat(get("/api/v1/cases/" + caseIds.get(0)).get("rootCauses").get(0).asString()).isEqualTo("wrong-address");
        assertThat(get("/api/v1/cases/" + caseIds.get(2)).get("rootCauses").get(0).asString()).isEqualTo("other");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(seen).filteredOn(e -> EventTypes.ROOT_CAUSE_CODED.equals(e.path("eventType").asString(null))
                            && caseIds.get(0).equals(e.path("caseId").asString(null)))
                    .anySatisfy(e -> assertThat(e.path("categories").path(0).asString("")).isEqualTo("wrong-address"));
        });
    }

    @Test
    void incentivesAndExperimentsAreSeededOnceAndManagedByLeads() throws Exception {
        assertThat(get("/api/v1/incentives").findValuesAsString("id")).contains("free-month", "discount-10", "coupon-15");
        assertThat(get("/api/v1/experiments").findValuesAsString("rootCause")).contains("delivery", "price", "customer-service");

        assertThat(post("lin", "/api/v1/incentives",
                "{\"id\":\"gift-box\",\"type\":\"GIFT\",\"description\":\"A gift box\",\"cost\":{\"amount\":\"20.00\",\"currency\":\"EUR\"}}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> updated = put("lin", "/api/v1/incentives/gift-box",
                "{\"type\":\"GIFT\",\"description\":\"A gift box\",\"cost\":{\"amount\":\"25.50\",\"currency\":\"EUR\"}}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(post("lin", "/api/v1/experiments",
                "{\"id\":\"billing-incentives\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"gift-box\"]}")
                .statusCode()).isEqualTo(201);
        assertThat(post("lin", "/api/v1/experiments",
                "{\"id\":\"billing-2\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"free-month\"]}")
                .statusCode()).isEqualTo(409);

        for (JsonNode incentive : get("/api/v1/incentives")) {
            if (incentive.get("id").asString().equals("gift-box")) {
                assertThat(incentive.at("/cost/amount").asString()).isEqualTo("25.50");
                assertThat(incentive.at("/cost/currency").asString()).isEqualTo("EUR");
            }
        }
        // Seeding again (as at every start) adds nothing and undoes no change.
        seedIncentives.run(null);
        assertThat(get("/api/v1/incentives").findValuesAsString("id")).hasSize(4);
        assertThat(get("/api/v1/experiments").findValuesAsString("id")).hasSize(4);
    }

    @Test
    void followUpMetersArePublished() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer));
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null)
                .get("caseId").asString();
        post("grace", "/api/v1/cases/" + caseId + "/claim", null);

        assertThat(meters.get("nps.followup.cases.opened").tag("kind", "RECOVERY").tag("queue", "executive").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("nps.followup.transitions").tag("action", "CLAIM").counter().count()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(meters.get("nps.followup.cases.open").tag("queue", "executive").gauge().value()).isGreaterThanOrEqualTo(1));
    }

    private JsonNode caseOf(String alertId) throws Exception {
        for (JsonNode c : get("/api/v1/cases?state=OPEN&limit=500")) {
            if (c.get("alertId").asString().equals(alertId)) {
                return c;
            }
        }
        return null;
    }

    private static void poll() {
        for (ConsumerRecord<String, String> record : followups.poll(Duration.ofMillis(500))) {
            seen.add(JsonMapper.builder().build().readTree(record.value()));
        }
    }

    private void send(String topic, String key, Object event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, mapper.writeValueAsString(event))).get();
        }
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return mapper.readTree(response.body());
    }

    private HttpResponse<String> post(String user, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String user, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DetractorAlertRaised alert(String alertId, String customer) {
        Instant answered = Instant.now().minusSeconds(60);
        return new DetractorAlertRaised(UUID.randomUUID().toString(), EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, answered, alertId, "r-" + UUID.randomUUID(), customer, "a-1", null, 1,
                Category.DETRACTOR, "Late again", "email", "delivery", Map.of(), new Money(new BigDecimal("5000"), "EUR"),
                Severity.CRITICAL, "executive", List.of("super-detractor"), answered, answered.plus(Duration.ofDays(1)));
    }

    private static ResponseScored promoterAnswer(String customer) {
        return new ResponseScored(UUID.randomUUID().toString(), EventTypes.RESPONSE_SCORED, ResponseScored.SCHEMA_VERSION,
                Instant.now(), "webshop", "r-" + UUID.randomUUID(), 1, null, customer, "a-1", null, 9, Category.PROMOTER,
                1, Category.DETRACTOR, null, "Much better", "email", "delivery", Map.of(), null);
    }
}
