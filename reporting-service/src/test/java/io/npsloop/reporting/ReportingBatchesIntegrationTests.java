package io.npsloop.reporting;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The batch bindings on the real broker and store: records already waiting when the service starts
 * come in batches; a poison record among valid ones goes alone to its topic's dead-letter topic, and
 * every other record of the batch is projected once, by the same rules as one at a time.
 */
class ReportingBatchesIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ReportingTestSupport.Topics TOPICS = ReportingTestSupport.Topics.named("batches-" + RUN);
    static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");
    static final String CUSTOMER = "cust-batches";

    static ConfigurableApplicationContext service;
    static MongoDatabase database;

    @BeforeAll
    static void publishThenStart() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i == 20) {
                // Schema-breaking: a score of 42.
                ObjectNode poison = JSON.valueToTree(scored("r-poison", 1, 5));
                poison.put("score", 42);
                records.add(ReportingTestSupport.record(TOPICS.scored(), CUSTOMER, "poison", EventTypes.RESPONSE_SCORED,
                        JSON.writeValueAsBytes(poison)));
            }
            records.add(scoredRecord(scored("r-" + i, 1, i % 11)));
            if (i == 5) {
                // A revision in the same batch as the first answer, then a stale redelivery of the first.
                records.add(scoredRecord(scored("r-5", 2, 10)));
                records.add(scoredRecord(scored("r-5", 1, 5)));
            }
        }
        for (int c = 0; c < 5; c++) {
            String caseId = "case-" + c;
            records.add(caseRecord(new CaseOpened(uuid(), EventTypes.CASE_OPENED, 1, T0, caseId, "alert-" + c, "r-" + c, CUSTOMER, null,
                    Severity.NORMAL, "team-north", 2, T0.plusSeconds(86_400), null)));
            records.add(caseRecord(status(caseId, 1, "OPEN", "CLAIMED")));
            if (c == 2) {
                ObjectNode poison = JSON.valueToTree(status(caseId, 2, "CLAIMED", "CONTACTED"));
                poison.remove("caseId");
                records.add(ReportingTestSupport.record(TOPICS.followups(), CUSTOMER, "poison", EventTypes.CASE_STATUS_CHANGED,
                        JSON.writeValueAsBytes(poison)));
            }
            records.add(caseRecord(status(caseId, 3, "CLAIMED", "RESOLVED")));
            records.add(caseRecord(status(caseId, 1, "OPEN", "CLAIMED")));
        }
        ReportingTestSupport.publish(records);
        service = ReportingTestSupport.start(TOPICS, "reporting_batches_" + RUN, "reporting-batches-" + RUN);
        database = service.getBean(MongoDatabase.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aPoisonResponseGoesAloneToTheDeadLetterTopicAndEveryOtherIsProjectedOnce() {
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(TOPICS.scored());

        await().atMost(PATIENCE).until(() -> database.getCollection("answers").countDocuments() == 40);
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("r-poison");
            assertThat(header(record, "x-original-topic")).isEqualTo(TOPICS.scored());
            assertThat(header(record, "x-exception-message")).contains("/score");
        });
        assertThat(database.getCollection("answers").find(Filters.eq("_id", "survey|r-poison")).first()).isNull();
        Document revised = database.getCollection("answers").find(Filters.eq("_id", "survey|r-5")).first();
        assertThat(revised.getInteger("revision")).isEqualTo(2);
        assertThat(revised.getInteger("score")).isEqualTo(10);
        MeterRegistry meters = service.getBean(MeterRegistry.class);
        assertThat(meters.get("nps.consumer.batch.size").tag("binding", "projectAnswers").summary().max())
                .as("the waiting records came many at a time").isGreaterThan(1);
        assertThat(meters.get("nps.events.invalid").tag("binding", "projectAnswers").counter().count()).isEqualTo(1);
    }

    @Test
    void aPoisonCaseEventGoesAloneToTheDeadLetterTopicAndEveryCaseEndsInItsLatestState() {
        List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(TOPICS.followups());

        await().atMost(PATIENCE).until(() -> database.getCollection("case_facts").countDocuments(Filters.eq("sequence", 3L)) == 5
                && database.getCollection("case_facts").countDocuments(Filters.eq("state", "RESOLVED")) == 5);
        assertThat(dead).singleElement().satisfies(record -> assertThat(header(record, "x-exception-message")).contains("caseId"));
        assertThat(database.getCollection("case_facts").find().into(new ArrayList<>())).hasSize(5)
                .allSatisfy(doc -> {
                    assertThat(doc.getString("state")).isEqualTo("RESOLVED");
                    assertThat(doc.getBoolean("resolved")).isTrue();
                    assertThat(doc.getString("alertId")).startsWith("alert-");
                });
    }

    /** Reads the dead-letter topic until it holds at least one record. */
    static List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic + ".dlq"));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return !dead.isEmpty();
            });
        }
        return dead;
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static ResponseScored scored(String responseId, int revision, int score) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored(uuid(), EventTypes.RESPONSE_SCORED, 1, T0, "survey", responseId, revision, null, CUSTOMER, null,
                null, score, category, null, null, null, null, "email", "support", Map.of("region", "north"),
                new Money(new BigDecimal("10.00"), "EUR"));
    }

    static CaseStatusChanged status(String caseId, long sequence, String from, String to) {
        return new CaseStatusChanged(uuid(), EventTypes.CASE_STATUS_CHANGED, 1, T0.plusSeconds(sequence), caseId, "alert", "r", CUSTOMER,
                "team-north", sequence, from, to, "agent-1", null, "agent-1");
    }

    static ProducerRecord<String, byte[]> scoredRecord(ResponseScored scored) {
        return ReportingTestSupport.record(TOPICS.scored(), CUSTOMER, scored.eventId(), scored.eventType(), scored);
    }

    static ProducerRecord<String, byte[]> caseRecord(Record event) {
        return ReportingTestSupport.record(TOPICS.followups(), CUSTOMER, uuid(), JSON.valueToTree(event).path("eventType").asString(), event);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
