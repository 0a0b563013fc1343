package io.npsloop.followup;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * The real service on the shared broker and store, and what its integration tests do to it: mint
 * bearer tokens with the development issuer, call the HTTP API, send alerts and answers, read
 * {@code nps.followups.v1}. The test classes extending it share one application context (same
 * configuration, same database), so only one instance of the service consumes the topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=nps-platform,followup-service")
abstract class RunningFollowupService {

    static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    /** Every event seen on nps.followups.v1 since the test class started listening. */
    static final List<JsonNode> seen = new ArrayList<>();
    private static KafkaConsumer<String, String> followups;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper mapper;

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

    /** A token of the development issuer the service trusts: this username, one role, these follow-up queues. */
    static String token(String username, Role role, String... queues) {
        return ISSUER.token(username, List.of(role), List.of(queues));
    }

    static void poll() {
        for (ConsumerRecord<String, String> record : followups.poll(Duration.ofMillis(500))) {
            seen.add(JsonMapper.builder().build().readTree(record.value()));
        }
    }

    /** Sends a detractor alert routed to the queue and waits until its case is open; returns the case id. */
    String openCase(String queue) throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer, queue));
        String everyQueue = token("dispatch", Role.AGENT, "*");
        return await().atMost(Duration.ofSeconds(60)).until(() -> caseOf(everyQueue, alertId), node -> node != null)
                .get("caseId").asString();
    }

    /** The open case of the alert as the token's holder sees it in the work queue, or null. */
    @Nullable JsonNode caseOf(String token, String alertId) throws Exception {
        for (JsonNode c : json(call("GET", "/api/v1/cases?state=OPEN&limit=500", token, null))) {
            if (c.get("alertId").asString().equals(alertId)) {
                return c;
            }
        }
        return null;
    }

    void send(String topic, String key, Object event) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, mapper.writeValueAsString(event))).get();
        }
    }

    /** One HTTP call, with {@code Authorization: Bearer <token>} unless the token is null. */
    HttpResponse<String> call(String method, String path, @Nullable String token, @Nullable String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(HttpResponse<String> response) {
        return mapper.readTree(response.body());
    }

    static DetractorAlertRaised alert(String alertId, String customer, String queue) {
        Instant answered = Instant.now().minusSeconds(60);
        return new DetractorAlertRaised(UUID.randomUUID().toString(), EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, answered, alertId, "r-" + UUID.randomUUID(), customer, "a-1", null, 1,
                Category.DETRACTOR, "Late again", "email", "delivery", Map.of(), new Money(new BigDecimal("5000"), "EUR"),
                Severity.CRITICAL, queue, List.of("super-detractor"), answered, answered.plus(Duration.ofDays(1)));
    }

    static ResponseScored promoterAnswer(String customer) {
        return new ResponseScored(UUID.randomUUID().toString(), EventTypes.RESPONSE_SCORED, ResponseScored.SCHEMA_VERSION,
                Instant.now(), "webshop", "r-" + UUID.randomUUID(), 1, null, customer, "a-1", null, 9, Category.PROMOTER,
                1, Category.DETRACTOR, null, "Much better", "email", "delivery", Map.of(), null);
    }
}
