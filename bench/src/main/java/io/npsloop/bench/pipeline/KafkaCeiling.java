package io.npsloop.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseSubmitted;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's own ceiling for the pipeline's records: {@code ResponseSubmitted} events as survey-ingest
 * publishes them (same JSON, key = customer id, a topic with the pipeline's partition count), produced
 * with the services' producer settings (acks=all, idempotent) and consumed back by one plain consumer;
 * no HTTP, no store, no framework.
 */
final class KafkaCeiling {

    record Result(int records, int averageBytes, double producePerSecond, double consumePerSecond) {
    }

    private KafkaCeiling() {
    }

    static Result measure(String bootstrapServers, int records, int partitions) throws Exception {
        String topic = "bench.ceiling." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> keys = new ArrayList<>(records);
        List<byte[]> values = new ArrayList<>(records);
        SplittableRandom random = new SplittableRandom(11);
        Instant now = Instant.now();
        long bytes = 0;
        for (int i = 0; i < records; i++) {
            String customer = "ceiling-c" + random.nextInt(Math.max(1, records / 3));
            Instant at = now.minusSeconds(random.nextInt(25 * 86_400));
            ResponseSubmitted event = new ResponseSubmitted(UUID.randomUUID().toString(), EventTypes.RESPONSE_SUBMITTED,
                    ResponseSubmitted.SCHEMA_VERSION, at, now, "dev", "ceiling-" + i, 1, ResponseBodies.SURVEY, customer, null, null,
                    random.nextInt(11), "Benchmark answer " + i + ": delivery and support as usual.",
                    ResponseBodies.CHANNELS.get(random.nextInt(4)), null,
                    Map.of("region", ResponseBodies.REGIONS.get(random.nextInt(4)), "product", ResponseBodies.PRODUCTS.get(random.nextInt(5)),
                            "plan", ResponseBodies.PLANS.get(random.nextInt(3))), null);
            byte[] value = PipelineHttp.JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
            bytes += value.length;
            keys.add(customer);
            values.add(value);
        }

        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
        double produce = records / ((System.nanoTime() - start) / 1e9);

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int consumed = 0;
        long first = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            // Time from the first record received, so the group join does not count.
            while (consumed < records && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                if (first == 0 && !batch.isEmpty()) {
                    first = System.nanoTime();
                }
                consumed += batch.count();
            }
            consumer.commitSync();
        }
        double consume = consumed / ((System.nanoTime() - first) / 1e9);
        return new Result(records, (int) (bytes / records), produce, consume);
    }
}
