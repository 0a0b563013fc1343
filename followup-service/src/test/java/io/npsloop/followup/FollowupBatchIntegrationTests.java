package io.npsloop.followup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.InputWriter;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumers' batch edge on the real broker and store: bursts of alerts and answers reach the
 * service a poll at a time, duplicates and all, and leave exactly what one record at a time would
 * have left; a poison record goes alone to the dead-letter topic.
 */
class FollowupBatchIntegrationTests extends RunningFollowupService {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static InputWriter writer;

    @Autowired
    MongoDatabase database;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void writer() {
        writer = new InputWriter(LocalInfrastructure.shared().kafkaBootstrapServers());
    }

    @AfterAll
    static void closeWriter() {
        writer.close();
    }

    @Test
    void hundredsOfAlertsWithDuplicatesOpenOneCaseEachAndPoisonIsDeadLetteredAlone() {
        String prefix = "al-many-" + RUN + "-";
        // Not one of followup.metrics.queues: counted under "other", which no other test here opens cases in.
        String queue = "batch-" + RUN;
        double openedBefore = opened("other");
        List<DetractorAlertRaised> alerts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            alerts.add(alert(prefix + i, "c-many-" + RUN + "-" + (i % 100), queue));
        }
        ObjectNode broken = (ObjectNode) mapper.valueToTree(alert("al-poison-" + RUN, "c-many-" + RUN + "-7", queue));
        broken.put("score", 42);
        String notJson = "{not json " + RUN;

        try (KafkaConsumer<byte[], byte[]> deadLetters = consumer(Topics.deadLetter(Topics.ALERTS))) {
            for (int i = 0; i < alerts.size(); i++) {
                send(alerts.get(i));
                if (i % 5 == 0) {
                    send(alerts.get(i)); // a duplicate, often in the same batch
                }
                if (i == 150) {
                    writer.send(Topics.ALERTS, broken.path("customerId").asString(), broken.toString());
                    writer.send(Topics.ALERTS, "c-many-" + RUN + "-8", notJson);
                }
            }
            alerts.subList(0, 40).forEach(this::send); // a stretch delivered again later
            writer.flush();

            await().atMost(PATIENCE).until(() -> database.getCollection("cases")
                    .countDocuments(Filters.regex("alertId", "^" + prefix)) >= 300);
            Set<String> alertIds = alerts.stream().map(DetractorAlertRaised::alertId).collect(Collectors.toSet());
            await().atMost(PATIENCE).untilAsserted(() -> {
                poll();
                assertThat(openings(alertIds)).hasSize(300);
            });
            List<String> dead = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.add(new String(r.value(), StandardCharsets.UTF_8)));
                return dead.stream().filter(value -> value.contains(RUN)).count() >= 2;
            });
            // Every record after the poison was handled (all 300 cases are open), so its dead letter came before.
            deadLetters.poll(Duration.ofMillis(200)).forEach(r -> dead.add(new String(r.value(), StandardCharsets.UTF_8)));

            assertThat(database.getCollection("cases").countDocuments(Filters.regex("alertId", "^" + prefix))).isEqualTo(300);
            assertThat(database.getCollection("cases").countDocuments(Filters.eq("alertId", "al-poison-" + RUN))).isZero();
            assertThat(openings(alertIds)).as("one CaseOpened per alert").extracting(e -> e.get("alertId").asString())
                    .doesNotHaveDuplicates();
            assertThat(dead).filteredOn(value -> value.contains(RUN)).as("the poison, alone")
                    .containsExactlyInAnyOrder(broken.toString(), notJson);
            assertThat(opened("other") - openedBefore).isEqualTo(300);
            assertThat(meters.get("nps.consumer.batch.size").tag("binding", "openCases").summary().max())
                    .as("alerts are handled many at a time").isGreaterThan(1);
            await().atMost(PATIENCE).until(() -> database.getCollection("cases")
                    .countDocuments(Filters.and(Filters.regex("alertId", "^" + prefix), Filters.exists("outbox.0"))) == 0);
        }
    }

    @Test
    void aCustomersAnswersInOneBurstCloseTheLoopOnceWithTheFirstAndAPromoterGetsOneTask() {
        String prefix = "al-loop-" + RUN + "-";
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = "c-loop-" + RUN + "-" + i;
            customers.add(customer);
            send(alert(prefix + i, customer, "customer-care"));
        }
        writer.flush();
        await().atMost(PATIENCE).until(() -> database.getCollection("cases")
                .countDocuments(Filters.regex("alertId", "^" + prefix)) == 20);

        Instant now = Instant.now();
        Map<String, ResponseScored> firsts = customers.stream().collect(Collectors.toMap(c -> c, c -> answer(c, 9, now)));
        for (String customer : customers) {
            ResponseScored first = firsts.get(customer);
            send(customer, first);
            send(customer, answer(customer, 2, now.plusSeconds(1)));
            send(customer, first);
        }
        writer.flush();

        await().atMost(PATIENCE).until(() -> database.getCollection("cases")
                .countDocuments(Filters.and(Filters.regex("alertId", "^" + prefix), Filters.ne("answer", null))) == 20);
        Set<String> caseIds = new java.util.HashSet<>();
        for (Document recovery : database.getCollection("cases").find(Filters.regex("alertId", "^" + prefix))) {
            caseIds.add(recovery.getString("_id"));
            Document answer = recovery.get("answer", Document.class);
            assertThat(answer.getString("responseId")).isEqualTo(firsts.get(recovery.getString("customerId")).responseId());
            assertThat(answer.getString("transition")).isEqualTo("DETRACTOR->PROMOTER");
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            poll();
            assertThat(seen).filteredOn(e -> EventTypes.LOOP_CLOSED.equals(e.path("eventType").asString(null))
                    && caseIds.contains(e.path("caseId").asString(null))).hasSize(20)
                    .extracting(e -> e.get("caseId").asString()).doesNotHaveDuplicates();
        });
        Set<String> firstIds = firsts.values().stream().map(ResponseScored::responseId).collect(Collectors.toSet());
        await().atMost(PATIENCE).until(() -> database.getCollection("cases")
                .countDocuments(Filters.and(Filters.eq("kind", "ADVOCACY"), Filters.in("responseId", firstIds))) == 20);
        await().atMost(PATIENCE).untilAsserted(() -> {
            poll();
            assertThat(seen).filteredOn(e -> EventTypes.ADVOCACY_TASK_CREATED.equals(e.path("eventType").asString(null))
                    && firstIds.contains(e.path("responseId").asString(null))).hasSize(20);
        });
    }

    private List<JsonNode> openings(Set<String> alertIds) {
        return seen.stream().filter(e -> EventTypes.CASE_OPENED.equals(e.path("eventType").asString(null))
                && alertIds.contains(e.path("alertId").asString(null))).toList();
    }

    private double opened(String queue) {
        Counter counter = meters.find("nps.followup.cases.opened").tag("kind", "RECOVERY").tag("queue", queue).counter();
        return counter == null ? 0 : counter.count();
    }

    private void send(DetractorAlertRaised alert) {
        writer.send(Topics.ALERTS, alert.customerId(), mapper.writeValueAsString(alert));
    }

    private void send(String customer, ResponseScored answer) {
        writer.send(Topics.SCORED, customer, mapper.writeValueAsString(answer));
    }

    private static ResponseScored answer(String customer, int score, Instant at) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored(UUID.randomUUID().toString(), EventTypes.RESPONSE_SCORED, ResponseScored.SCHEMA_VERSION,
                at, "webshop", "r-" + UUID.randomUUID(), 1, null, customer, "a-1", null, score, category,
                1, Category.DETRACTOR, null, "Next answer", "email", "delivery", Map.of(), null);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "followup-batch-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
