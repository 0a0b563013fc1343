package io.npsloop.ingest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.support.RunningIngest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * survey-ingest against a real Kafka broker and the wire-compatible MongoDB: a response is on the
 * topic exactly once however often it is sent, across a restart of the service, and across a
 * broker outage answered with 503.
 */
class IngestIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEV_KEY = RunningIngest.DEV_KEY;

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "ingest_it_" + RUN;

    private static KafkaConsumer<String, String> consumer;
    private static final List<JsonNode> seen = new ArrayList<>();

    @BeforeAll
    static void subscribe() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-it-" + RUN);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(Topics.RESPONSES));
    }

    @AfterAll
    static void unsubscribe() {
        consumer.close();
    }

    @Test
    void eachResponseIsOnTheTopicExactlyOnceAcrossRetriesRestartsAndABrokerOutage() throws Exception {
        String r1 = "it-" + RUN + "-1";
        String r2 = "it-" + RUN + "-2";
        String first = "{\"responseId\":\"" + r1 + "\",\"customerId\":\"c-1\",\"score\":4,\"channel\":\"web\"}";
        String corrected = "{\"responseId\":\"" + r1 + "\",\"customerId\":\"c-1\",\"score\":6,\"channel\":\"web\",\"revision\":2,"
                + "\"comment\":\"arrived later\"}";
        String other = "{\"responseId\":\"" + r2 + "\",\"customerId\":\"c-2\",\"score\":10}";

        try (RunningIngest app = RunningIngest.start(DATABASE)) {
            assertAnswer(post(app, first), 202, "accepted");
            assertAnswer(post(app, first), 202, "duplicate");
            assertAnswer(post(app, corrected), 202, "updated");
        }

        try (RunningIngest restarted = RunningIngest.start(DATABASE)) {
            assertAnswer(post(restarted, corrected), 202, "duplicate");
            assertAnswer(post(restarted, first), 202, "duplicate");

            try (RunningIngest brokerDown = RunningIngest.startWithoutBroker(DATABASE)) {
                HttpResponse<String> refused = post(brokerDown, other);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
            }
            assertThat(ledgerState(r2)).as("a refused response is not recorded as accepted").isNotEqualTo("PUBLISHED");

            assertAnswer(post(restarted, other), 202, "accepted");
            assertAnswer(post(restarted, other), 202, "duplicate");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            poll();
            return revisionsOf(r1).size() >= 2 && !revisionsOf(r2).isEmpty();
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            poll();
            return revisionsOf(r1).equals(List.of(1, 2)) && revisionsOf(r2).equals(List.of(1));
        });
        assertThat(ledgerState(r2)).isEqualTo("PUBLISHED");
    }

    private static HttpResponse<String> post(RunningIngest app, String json) {
        return app.post("/api/v1/responses", Map.of("Content-Type", "application/json", "X-API-Key", DEV_KEY),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertAnswer(HttpResponse<String> response, int status, String outcome) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo(outcome);
    }

    private static String ledgerState(String responseId) {
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            Document stored = client.getDatabase(DATABASE).getCollection("submissions")
                    .find(Filters.eq("_id", "dev|" + responseId)).first();
            return stored == null ? "ABSENT" : stored.getString("state");
        }
    }

    private static synchronized void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(JSON.readTree(record.value()));
        }
    }

    private static synchronized List<Integer> revisionsOf(String responseId) {
        return seen.stream().filter(event -> event.path("responseId").asString().equals(responseId))
                .map(event -> event.path("revision").asInt()).toList();
    }
}
