package io.npsloop.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record no consumer can read never blocks its partition: it lands on the topic's dead-letter
 * topic with the reason in its headers, is counted, and the records behind it flow on.
 */
class PoisonRecordsEndToEndTests {

    @TempDir
    static Path dataDir;

    private static LocalPipeline pipeline;
    private static PipelineClient client;

    @BeforeAll
    static void start() {
        Map<ServiceKind, Integer> randomPorts = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            randomPorts.put(kind, 0);
        }
        pipeline = LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of());
        client = new PipelineClient(pipeline);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @Test
    void badJsonAndImpossibleValuesOnTheResponsesTopicAreDeadLetteredAndTheStreamFlowsOn() throws Exception {
        // Every poison record goes to partition 0, ahead of the good record behind it on the same partition.
        produce("nps.responses.v1", 0, "c-poison", "{\"eventId\": this is not json");
        produce("nps.responses.v1", 0, "c-poison", "{\"eventId\":\"e-1\",\"eventType\":\"io.npsloop.response.submitted\",\"schemaVersion\":1,"
                + "\"occurredAt\":\"2026-11-20T10:00:00Z\",\"receivedAt\":\"2026-11-20T10:00:00Z\",\"source\":\"api\","
                + "\"responseId\":\"r-impossible\",\"revision\":1,\"customerId\":\"c-poison\",\"score\":42,\"attributes\":{}}");
        produce("nps.responses.v1", 0, "c-poison", "{\"eventType\":\"io.npsloop.response.submitted\",\"schemaVersion\":1}");

        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses",
                "{\"responseId\":\"r-after-poison\",\"customerId\":\"c-good\",\"score\":9}").statusCode()).isEqualTo(202);
        client.awaitGet(ServiceKind.SCORING, "/api/v1/nps?window=7d", node -> node.path("n").asLong() == 1);

        List<ConsumerRecord<String, String>> deadLetters = read("nps.responses.v1.dlq", 3);
        assertThat(deadLetters).hasSize(3);
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(header(record, "x-original-topic")).isEqualTo("nps.responses.v1");
            assertThat(header(record, "x-exception-message")).isNotBlank();
            assertThat(record.key()).isEqualTo("c-poison");
        });

        String metrics = PipelineClient.HTTP_TEXT.apply(pipeline.url(ServiceKind.SCORING) + "/actuator/prometheus");
        double counted = metrics.lines()
                .filter(line -> line.startsWith("nps_deadletters_total{") && line.contains("topic=\"nps.responses.v1\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(counted).as("dead letters counted by nps.deadletters").isEqualTo(3.0);
    }

    private void produce(String topic, int partition, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, key, value);
            record.headers().add("contentType", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    private List<ConsumerRecord<String, String>> read(String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "poison-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
