package io.npsloop.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * Reads {@code nps.responses.v1} of the shared test broker from the beginning, so a test can ask
 * what is on the topic: at least once (waited for) and exactly once (unchanged for a while).
 */
public final class ResponsesTopic implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> seen = new ArrayList<>();

    /** One record: its key and its JSON value. */
    public record Received(String key, JsonNode value) {
    }

    public ResponsesTopic() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(Topics.RESPONSES));
    }

    /** Records of one source and response id seen so far, in topic order. */
    public synchronized List<Received> of(String source, String responseId) {
        poll();
        return matching(value -> source.equals(value.path("source").asString())
                && responseId.equals(value.path("responseId").asString()));
    }

    public synchronized List<Received> matching(Predicate<JsonNode> predicate) {
        poll();
        return seen.stream().filter(received -> predicate.test(received.value())).toList();
    }

    /** Waits until the response is on the topic, then checks that it stays there exactly {@code count} times. */
    public List<Received> awaitExactly(String source, String responseId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> of(source, responseId).size() >= count);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                .until(() -> of(source, responseId).size() == count);
        return of(source, responseId);
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(new Received(record.key(), JSON.readTree(record.value())));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
