package io.npsloop.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Inspects and replays a dead-letter topic.
 *
 * <pre>
 * ./dead-letters list   nps.scored.v1.dlq              # every record: partition, offset, reason, key, value
 * ./dead-letters replay nps.scored.v1.dlq [--dry-run]  # back onto the topic it came from
 * </pre>
 *
 * Replaying is safe because every consumer is idempotent on event and response ids: a record that
 * one consumer group had already processed changes nothing there. {@code replay} remembers what it
 * replayed in the consumer group {@code nps-dead-letter-replay}, so running it twice replays each
 * record once; the binder's {@code x-exception-*} and {@code x-original-*} headers are dropped on
 * the way back, everything else (key, CloudEvents headers, value) is kept byte for byte.
 */
public final class DeadLetters {

    static final String REPLAY_GROUP = "nps-dead-letter-replay";
    static final String ORIGINAL_TOPIC = "x-original-topic";
    static final String EXCEPTION_MESSAGE = "x-exception-message";
    static final Duration IDLE = Duration.ofSeconds(3);

    private DeadLetters() {
    }

    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        if (args.length < 2 || !List.of("list", "replay").contains(args[0])) {
            System.err.println("usage: dead-letters list|replay <topic>.dlq [--dry-run]   (KAFKA_BOOTSTRAP_SERVERS, default localhost:9092)");
            System.exit(2);
        }
        boolean dryRun = List.of(args).contains("--dry-run");
        int count = "list".equals(args[0]) ? list(bootstrap, args[1], System.out) : replay(bootstrap, args[1], dryRun, System.out);
        System.out.println(count + " record(s)");
    }

    /** Prints every record of the dead-letter topic, without committing anything. */
    static int list(String bootstrap, String deadLetterTopic, PrintStream out) {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, deadLetterTopic, "nps-dead-letter-list-" + UUID.randomUUID(), false);
        for (ConsumerRecord<byte[], byte[]> record : records) {
            out.printf("%s-%d@%d %s key=%s reason=%s%n  %s%n", record.topic(), record.partition(), record.offset(),
                    Instant.ofEpochMilli(record.timestamp()), text(record.key()), header(record, EXCEPTION_MESSAGE),
                    text(record.value()));
        }
        return records.size();
    }

    /** Sends every not yet replayed record back to the topic named in its {@code x-original-topic} header. */
    static int replay(String bootstrap, String deadLetterTopic, boolean dryRun, PrintStream out) {
        List<ConsumerRecord<byte[], byte[]>> records = readAll(bootstrap, deadLetterTopic, REPLAY_GROUP, !dryRun);
        records.forEach(record -> out.printf("%s %s-%d@%d to %s%n", dryRun ? "would replay" : "replayed", record.topic(),
                record.partition(), record.offset(), originalTopic(record, deadLetterTopic)));
        return records.size();
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, String group, boolean replayAndCommit) {
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        Properties producerConfig = new Properties();
        producerConfig.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig);
                @Nullable KafkaProducer<byte[], byte[]> producer = replayAndCommit ? new KafkaProducer<>(producerConfig) : null) {
            consumer.subscribe(List.of(topic));
            Instant quietSince = Instant.now();
            while (Duration.between(quietSince, Instant.now()).compareTo(IDLE) < 0) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    continue;
                }
                quietSince = Instant.now();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    all.add(record);
                    if (producer != null) {
                        ProducerRecord<byte[], byte[]> back = new ProducerRecord<>(originalTopic(record, topic), null, record.key(), record.value());
                        for (Header header : record.headers()) {
                            if (!header.key().startsWith("x-exception") && !header.key().startsWith("x-original")) {
                                back.headers().add(header);
                            }
                        }
                        producer.send(back);
                    }
                }
                if (producer != null) {
                    // Offsets are committed only after the replayed records are acknowledged: a crash
                    // in between replays them again, which the idempotent consumers absorb.
                    producer.flush();
                    consumer.commitSync();
                }
            }
        }
        return all;
    }

    private static String originalTopic(ConsumerRecord<byte[], byte[]> record, String deadLetterTopic) {
        String original = header(record, ORIGINAL_TOPIC);
        if (original != null) {
            return original;
        }
        if (deadLetterTopic.endsWith(".dlq")) {
            return deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlq".length());
        }
        throw new IllegalArgumentException("Record " + record.partition() + "@" + record.offset()
                + " names no original topic and " + deadLetterTopic + " does not end in .dlq");
    }

    private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte @Nullable [] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
