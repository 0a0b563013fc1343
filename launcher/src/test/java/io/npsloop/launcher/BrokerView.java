package io.npsloop.launcher;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The broker as an operator sees it, next to the services: writes records as any producer would,
 * reads topics up to the end offsets of the moment (no waiting for records that may never come),
 * and measures a consumer group's lag the way {@code kafka-consumer-groups --describe} does.
 */
final class BrokerView implements AutoCloseable {

    /** Only a guard against a broker that went away: reading what is already on a local broker takes well under a second. */
    private static final Duration READ_LIMIT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    BrokerView(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    /**
     * Sends a record without headers, as a producer outside the pipeline would, and waits for the
     * acknowledgement. Kafka's default partitioner puts it on the partition of its key, where the
     * services' own records with that key go too.
     */
    RecordMetadata send(String topic, String key, String value) throws ExecutionException, InterruptedException {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Every record of the topic, up to the end offsets it has now; none if the topic does not exist. */
    List<ConsumerRecord<String, String>> readAll(String topic) throws ExecutionException, InterruptedException {
        if (!admin.listTopics().names().get().contains(topic)) {
            return List.of();
        }
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions(topic)) {
            from.put(partition, 0L);
        }
        return read(from);
    }

    /** The records of one partition from an offset on, up to its end offset now. */
    List<ConsumerRecord<String, String>> readFrom(String topic, int partition, long offset) throws ExecutionException, InterruptedException {
        return read(Map.of(new TopicPartition(topic, partition), offset));
    }

    /** Records in the topic not yet committed by the group (a partition the group never committed counts from 0). */
    long lag(String group, String topic) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : endOffsets(partitions(topic)).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    Set<String> topicNames() throws ExecutionException, InterruptedException {
        return admin.listTopics().names().get();
    }

    static @Nullable String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A header the binder writes as a 4-byte big-endian int, such as {@code x-original-partition}; -1 if absent. */
    static int intHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getInt();
    }

    /** A header the binder writes as an 8-byte big-endian long, such as {@code x-original-offset}; -1 if absent. */
    static long longHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? -1 : ByteBuffer.wrap(header.value()).getLong();
    }

    private List<TopicPartition> partitions(String topic) throws ExecutionException, InterruptedException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private List<ConsumerRecord<String, String>> read(Map<TopicPartition, Long> from) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> ends = endOffsets(List.copyOf(from.keySet()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long giveUp = System.nanoTime() + READ_LIMIT.toNanos();
            while (from.keySet().stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("Could not read " + from.keySet() + " up to " + ends + " in " + READ_LIMIT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
