package io.npsloop.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.npsloop.infra.LocalInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLettersIntegrationTests {

    private final String bootstrap = LocalInfrastructure.shared().kafkaBootstrapServers();
    private final String topic = "dead-letter-test-" + UUID.randomUUID();
    private final String deadLetterTopic = topic + ".dlq";

    @Test
    void replaySendsEachDeadLetterBackOnceWithItsKeyAndEventHeadersButWithoutTheFailure() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 1; i <= 3; i++) {
                ProducerRecord<String, String> record = new ProducerRecord<>(deadLetterTopic, "c-" + i, "{\"n\":" + i + "}");
                record.headers().add("x-original-topic", topic.getBytes(StandardCharsets.UTF_8));
                record.headers().add("x-exception-message", "boom".getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_id", ("e-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        ByteArrayOutputStream listing = new ByteArrayOutputStream();
        assertThat(DeadLetters.list(bootstrap, deadLetterTopic, new PrintStream(listing, true, StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(listing.toString(StandardCharsets.UTF_8)).contains("reason=boom", "key=c-2", "{\"n\":3}");

        assertThat(DeadLetters.replay(bootstrap, deadLetterTopic, true, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(3);
        assertThat(DeadLetters.replay(bootstrap, deadLetterTopic, false, new PrintStream(new ByteArrayOutputStream()))).isEqualTo(3);
        assertThat(DeadLetters.replay(bootstrap, deadLetterTopic, false, new PrintStream(new ByteArrayOutputStream()))).isZero();

        List<ConsumerRecord<String, String>> replayed = readAll(topic, 3);
        assertThat(replayed).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("c-1", "c-2", "c-3");
        assertThat(replayed).allSatisfy(record -> {
            assertThat(record.headers().lastHeader("ce_id")).isNotNull();
            assertThat(record.headers().lastHeader("x-exception-message")).isNull();
            assertThat(record.headers().lastHeader("x-original-topic")).isNull();
        });
    }

    private List<ConsumerRecord<String, String>> readAll(String from, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(from));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            // Anything beyond the expected records would be a second replay of the same dead letter.
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }
}
