package io.npsloop.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests check the pipeline against: counts made here from the input alone, and
 * the events on the topics read back with a consumer of the test's own.
 */
final class PipelineCounts {

    private PipelineCounts() {
    }

    /** The figures computed directly from the submitted bodies (one answer per response id). */
    record Expected(long promoters, long passives, long detractors, Set<String> detractorResponseIds) {

        static Expected of(List<String> bodies) {
            long promoters = 0;
            long passives = 0;
            long detractors = 0;
            Set<String> detractorIds = new HashSet<>();
            for (String body : bodies) {
                JsonNode response = JSON.readTree(body);
                int score = response.path("score").asInt();
                if (score >= 9) {
                    promoters++;
                } else if (score >= 7) {
                    passives++;
                } else {
                    detractors++;
                    detractorIds.add(response.path("responseId").asString());
                }
            }
            return new Expected(promoters, passives, detractors, detractorIds);
        }

        long n() {
            return promoters + passives + detractors;
        }
    }

    /** Every record of the topic, read until it has been quiet for three seconds. */
    static List<JsonNode> readTopic(String bootstrapServers, String topic) {
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            Instant quietSince = Instant.now();
            while (Duration.between(quietSince, Instant.now()).toSeconds() < 3) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = Instant.now();
                    records.forEach(record -> events.add(JSON.readTree(record.value())));
                }
            }
        }
        return events;
    }

    /**
     * Every detractor response has exactly one alert, every alert exactly one case, and every
     * response exactly one scored event per revision: whatever was redelivered, nothing was raised,
     * opened or scored twice under another id.
     */
    static void assertOneAlertPerDetractorAndOneCasePerAlert(String bootstrapServers, Expected expected, int responses) {
        Map<String, Set<String>> alertsByResponse = new HashMap<>();
        for (JsonNode alert : readTopic(bootstrapServers, "nps.alerts.v1")) {
            alertsByResponse.computeIfAbsent(alert.path("responseId").asString(), id -> new HashSet<>()).add(alert.path("alertId").asString());
        }
        assertThat(alertsByResponse.keySet()).as("responses with an alert").isEqualTo(expected.detractorResponseIds());
        assertThat(alertsByResponse.values()).as("alert ids per response").allSatisfy(ids -> assertThat(ids).hasSize(1));

        Map<String, Set<String>> casesByAlert = new HashMap<>();
        for (JsonNode event : readTopic(bootstrapServers, "nps.followups.v1")) {
            if ("io.npsloop.case.opened".equals(event.path("eventType").asString())) {
                casesByAlert.computeIfAbsent(event.path("alertId").asString(), id -> new HashSet<>()).add(event.path("caseId").asString());
            }
        }
        Set<String> alertIds = new HashSet<>();
        alertsByResponse.values().forEach(alertIds::addAll);
        assertThat(casesByAlert.keySet()).as("alerts with a case").isEqualTo(alertIds);
        assertThat(casesByAlert.values()).as("case ids per alert").allSatisfy(ids -> assertThat(ids).hasSize(1));

        Map<String, Set<String>> scoredIds = new HashMap<>();
        readTopic(bootstrapServers, "nps.scored.v1").forEach(event ->
                scoredIds.computeIfAbsent(event.path("responseId").asString(), id -> new HashSet<>()).add(event.path("eventId").asString()));
        assertThat(scoredIds).hasSize(responses);
        assertThat(scoredIds.values()).as("scored event ids per response (one revision each)").allSatisfy(ids -> assertThat(ids).hasSize(1));
    }
}
