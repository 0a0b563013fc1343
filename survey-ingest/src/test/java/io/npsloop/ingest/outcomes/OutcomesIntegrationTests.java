package io.npsloop.ingest.outcomes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.contracts.CloudEventHeaders;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.support.RunningIngest;
import io.npsloop.platform.messaging.EventContracts;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
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
 * The outcomes API of the running service on the real broker and the wire-compatible store: an
 * outcome is on nps.outcomes.v1 once, with its CloudEvents headers and valid against its schema,
 * however often it is sent; bad input is a problem naming every bad field and publishes nothing;
 * batch and CSV import answer per item and per row; an erased customer's outcomes are pseudonymised.
 */
class OutcomesIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "ingest_outcomes_it_" + RUN;

    private static RunningIngest app;
    private static KafkaConsumer<String, String> consumer;
    private static final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = RunningIngest.start(DATABASE);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "outcomes-it-" + RUN);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(Topics.OUTCOMES));
    }

    @AfterAll
    static void stop() {
        consumer.close();
        app.close();
    }

    @Test
    void anOutcomeIsPublishedOnceWithItsHeadersAndASecondBodyUnderItsIdIsAConflict() throws Exception {
        String id = "cancel-" + RUN;
        String body = """
                {"outcomeId":"%s","customerId":"c-42","accountId":"a-7","outcome":"cancelled","occurredAt":"2026-01-31T23:59:59Z",
                 "value":{"amount":"1200.00","currency":"EUR"},"reasonCode":"price","attributes":{"plan":"pro"}}""".formatted(id);

        assertStatus(post("/api/v1/outcomes", body), 202, "accepted");
        assertStatus(post("/api/v1/outcomes", body), 202, "duplicate");
        HttpResponse<String> conflict = post("/api/v1/outcomes", body.replace("cancelled", "downgraded"));

        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(conflict.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(conflict.body()).path("outcomeId").asString()).isEqualTo(id);
        ConsumerRecord<String, String> record = awaitExactlyOnce(id);
        assertThat(record.key()).isEqualTo("c-42");
        JsonNode event = JSON.readTree(record.value());
        assertThat(new EventContracts().violations(event)).isEmpty();
        assertThat(event.path("eventType").asString()).isEqualTo(EventTypes.CUSTOMER_OUTCOME_RECORDED);
        assertThat(event.path("source").asString()).isEqualTo("dev");
        assertThat(event.path("outcome").asString()).isEqualTo("CANCELLED");
        assertThat(event.path("value").path("amount").asString()).isEqualTo("1200.00");
        assertThat(event.path("occurredAt").asString()).isEqualTo("2026-01-31T23:59:59Z");
        assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.path("eventId").asString());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.CUSTOMER_OUTCOME_RECORDED);
        assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo("2026-01-31T23:59:59Z");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/nps-loop/survey-ingest");
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void badInputIsAProblemNamingEveryBadFieldAndPublishesNothing() throws Exception {
        String id = "bad-" + RUN;
        HttpResponse<String> bad = post("/api/v1/outcomes", """
                {"outcomeId":"%s","outcome":"churned","occurredAt":"2099-01-01T00:00:00Z",
                 "value":{"amount":"-5","currency":"XYZ"},"reasonCode":"Too expensive","attributes":{"9lives":"x"}}""".formatted(id));

        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        List<String> fields = new ArrayList<>();
        JSON.readTree(bad.body()).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).contains("customerId", "outcome", "occurredAt", "value.amount", "value.currency", "reasonCode",
                "attributes[9lives]");
        HttpResponse<String> unknownField = post("/api/v1/outcomes", "{\"customerId\":\"c-1\",\"outcome\":\"renewed\",\"score\":3}");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("\"field\":\"score\"");
        assertThat(outcomeOnTopic(id)).isEmpty();
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            assertThat(client.getDatabase(DATABASE).getCollection("outcome_submissions").countDocuments(new Document("outcomeId", id))).isZero();
        }
    }

    @Test
    void withoutAKeyNothingIsTaken() {
        HttpResponse<String> anonymous = send("/api/v1/outcomes", Map.of("Content-Type", "application/json"),
                "{\"customerId\":\"c-1\",\"outcome\":\"renewed\"}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(send("/api/v1/outcomes/batch", Map.of("Content-Type", "application/json"), "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void aBatchAnswersPerItem() throws Exception {
        String first = "batch-1-" + RUN;
        String second = "batch-2-" + RUN;
        String item = "{\"outcomeId\":\"%s\",\"customerId\":\"c-%s\",\"outcome\":\"%s\"}";
        HttpResponse<String> batch = post("/api/v1/outcomes/batch", "{\"outcomes\":[" + item.formatted(first, 1, "renewed") + ","
                + item.formatted(second, 2, "lost") + "," + item.formatted(first, 1, "renewed") + ",7]}");

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(batch.body());
        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(answer.path("duplicate").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").asInt()).isEqualTo(2);
        assertThat(answer.at("/results/0/status").asString()).isEqualTo("accepted");
        assertThat(answer.at("/results/1/status").asString()).isEqualTo("rejected");
        assertThat(answer.at("/results/1/errors/0/field").asString()).isEqualTo("outcome");
        assertThat(answer.at("/results/2/status").asString()).isEqualTo("duplicate");
        assertThat(answer.at("/results/3/errors/0/field").asString()).isEqualTo("(item)");
        awaitExactlyOnce(first);
        assertThat(outcomeOnTopic(second)).isEmpty();
    }

    @Test
    void aCsvImportTakesTheGoodRowsAndReportsTheBadOnesByLine() throws Exception {
        String csv = """
                outcomeId,customerId,outcome,occurredAt,valueAmount,valueCurrency,reasonCode,attr.plan
                csv-1-%1$s,c-10,DOWNGRADED,2026-02-01T00:00:00Z,300.00,EUR,seats,pro
                csv-2-%1$s,c-11,renewed,yesterday,100,EUR,,basic
                csv-3-%1$s,c-12,renewed,,,,,
                """.formatted(RUN);

        HttpResponse<String> imported = send("/api/v1/outcomes/import",
                Map.of("Content-Type", "text/csv", "X-API-Key", RunningIngest.DEV_KEY), csv);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(imported.body());
        assertThat(report.path("rows").asInt()).isEqualTo(3);
        assertThat(report.path("accepted").asInt()).isEqualTo(2);
        assertThat(report.path("rejected").asInt()).isEqualTo(1);
        assertThat(report.at("/rejections/0/line").asInt()).isEqualTo(3);
        assertThat(report.at("/rejections/0/errors/0/field").asString()).isEqualTo("occurredAt");
        JsonNode downgrade = JSON.readTree(awaitExactlyOnce("csv-1-" + RUN).value());
        assertThat(downgrade.path("outcome").asString()).isEqualTo("DOWNGRADED");
        assertThat(downgrade.path("value").path("amount").asString()).isEqualTo("300.00");
        assertThat(downgrade.path("attributes").path("plan").asString()).isEqualTo("pro");
        awaitExactlyOnce("csv-3-" + RUN);
        assertThat(outcomeOnTopic("csv-2-" + RUN)).isEmpty();

        HttpResponse<String> badHeader = send("/api/v1/outcomes/import",
                Map.of("Content-Type", "text/csv", "X-API-Key", RunningIngest.DEV_KEY), "customerId,outcome,score\nc-1,renewed,3\n");
        assertThat(badHeader.statusCode()).isEqualTo(400);
        assertThat(badHeader.body()).contains("\"field\":\"score\"");
    }

    @Test
    void anErasedCustomersOutcomesArePseudonymisedBeforeAndAfterTheErasure() throws Exception {
        String customer = "c-leaving-" + RUN;
        String before = "{\"outcomeId\":\"before-%s\",\"customerId\":\"%s\",\"accountId\":\"%s\",\"outcome\":\"cancelled\"}"
                .formatted(RUN, customer, customer);
        assertStatus(post("/api/v1/outcomes", before), 202, "accepted");

        String pseudonym = "erased-" + erase(customer);

        String after = "{\"outcomeId\":\"after-%s\",\"customerId\":\"%s\",\"outcome\":\"renewed\",\"attributes\":{\"email\":\"x@example.com\"}}"
                .formatted(RUN, customer);
        assertStatus(post("/api/v1/outcomes", after), 202, "accepted");
        JsonNode published = JSON.readTree(awaitExactlyOnce("after-" + RUN).value());
        assertThat(published.path("customerId").asString()).isEqualTo(pseudonym);
        assertThat(published.toString()).doesNotContain(customer, "x@example.com");
        // The ledger keeps no trace of the customer, and the retry of the first outcome is still a duplicate.
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            for (Document document : client.getDatabase(DATABASE).getCollection("outcome_submissions").find()) {
                assertThat(document.toJson()).doesNotContain(customer);
            }
        }
        assertStatus(post("/api/v1/outcomes", before), 202, "duplicate");
    }

    private static String erase(String customer) throws Exception {
        String token = DevIssuer.fromSystemProperty().token("privacy-admin", Set.of(Role.ADMIN), List.of());
        HttpResponse<String> requested = send("/api/v1/erasures", Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token),
                "{\"customerId\":\"" + customer + "\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String erasureId = JSON.readTree(requested.body()).path("erasureId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpRequest audit = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/api/v1/erasures/" + erasureId))
                    .header("Authorization", "Bearer " + token).build();
            return HTTP.send(audit, HttpResponse.BodyHandlers.ofString()).body().contains("\"service\":\"survey-ingest\"");
        });
        return erasureId;
    }

    private static ConsumerRecord<String, String> awaitExactlyOnce(String outcomeId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomeOnTopic(outcomeId).size() >= 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> outcomeOnTopic(outcomeId).size() == 1);
        return outcomeOnTopic(outcomeId).get(0);
    }

    private static synchronized List<ConsumerRecord<String, String>> outcomeOnTopic(String outcomeId) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(record -> JSON.readTree(record.value()).path("outcomeId").asString().equals(outcomeId)).toList();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void assertStatus(HttpResponse<String> answer, int status, String outcomeStatus) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo(outcomeStatus);
    }

    private static HttpResponse<String> post(String path, String body) {
        return send(path, Map.of("Content-Type", "application/json", "X-API-Key", RunningIngest.DEV_KEY), body);
    }

    private static HttpResponse<String> send(String path, Map<String, String> headers, String body) {
        return app.post(path, headers, body.getBytes(StandardCharsets.UTF_8));
    }
}
