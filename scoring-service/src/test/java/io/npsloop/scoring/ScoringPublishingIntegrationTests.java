package io.npsloop.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.npsloop.contracts.CloudEventHeaders;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outputs of a record, sent together and acknowledged together, reach their topics as before:
 * keyed, with the CloudEvents headers, and without the header that matches each send to its result.
 */
class ScoringPublishingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String responsesTopic = "publishing-" + run + ".responses";
    private final String scoredTopic = "publishing-" + run + ".scored";
    private final String metricsTopic = "publishing-" + run + ".metrics";
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void everyOutputOfARecordArrivesKeyedWithItsCloudEventsHeadersOnly() throws Exception {
        String servers = LocalInfrastructure.shared().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(responsesTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Instant answeredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ResponseSubmitted response = new ResponseSubmitted(UUID.randomUUID().toString(), EventTypes.RESPONSE_SUBMITTED,
                ResponseSubmitted.SCHEMA_VERSION, answeredAt, answeredAt, "publishing-test", "r-1", 1, "s-1", "c-1", null, null, 3,
                null, "email", null, Map.of("region", "EMEA"), null);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(responsesTopic, response.customerId(), JSON.writeValueAsString(response))).get();
        }

        context = ScoringServiceApplication.builder().run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + servers,
                "--spring.mongodb.uri=" + LocalInfrastructure.shared().mongoUri(),
                "--spring.mongodb.database=scoring_publishing_" + run,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.destination=" + responsesTopic,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.group=scoring-publishing-" + run,
                "--spring.cloud.stream.bindings.scored-out.destination=" + scoredTopic,
                "--spring.cloud.stream.bindings.metrics-out.destination=" + metricsTopic,
                "--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.dlq-name=" + responsesTopic + ".dlq",
                "--nps.scoring.attribute-dimensions=region");

        // overall, channel, surveyId and region: one DAY figure each, no rolling window.
        List<ConsumerRecord<String, String>> metrics = read(metricsTopic, 4);
        List<ConsumerRecord<String, String>> scored = read(scoredTopic, 1);

        assertThat(scored).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("c-1");
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.RESPONSE_SCORED);
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(JSON.readTree(record.value()).path("eventId").asString());
        });
        assertThat(metrics).hasSize(4).allSatisfy(record -> {
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.path("period").asString()).isEqualTo("DAY");
            assertThat(record.key()).isEqualTo(event.path("dimension").asString() + "|" + event.path("segment").asString() + "|"
                    + event.path("period").asString() + "|" + event.path("to").asString());
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.path("eventId").asString());
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.NPS_METRICS_UPDATED);
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/nps-loop/scoring-service");
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
        });
        List<String> headerNames = new ArrayList<>();
        scored.get(0).headers().forEach(header -> headerNames.add(header.key()));
        assertThat(headerNames).containsExactlyInAnyOrder(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                CloudEventHeaders.TIME, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SUBJECT, CloudEventHeaders.CONTENT_TYPE);
    }

    private static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            // One more poll: anything beyond the expected count would show up here and fail the test.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
