package io.npsloop.infra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the input of a test or a benchmark run in bulk: every record lands once, in order per
 * partition, or {@link #flush()} says which did not.
 *
 * <p>It deliberately does not use the idempotent producer the services use. Right after a topic is
 * created, the first produce request can meet a partition whose leader is not quite ready
 * ({@code NOT_LEADER_OR_FOLLOWER}); an idempotent producer with several batches in flight can then
 * be left retrying {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout and drop them,
 * and input sent without checking the results is silently missing. One request in flight keeps the
 * order on retry without sequence numbers, and every send's result is checked.
 */
public final class InputWriter implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public InputWriter(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the topic (one replica) and returns once every partition has a leader. */
    public InputWriter createTopic(String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!allLed(admin, topic, partitions)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topic " + topic + " has partitions without a leader after " + TIMEOUT);
                }
                Thread.sleep(50);
            }
            return this;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Topic " + topic + " was not created", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
    }

    private static boolean allLed(Admin admin, String topic, int partitions) throws InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().size() == partitions
                    && description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(leader -> leader != null && !leader.isEmpty());
        } catch (ExecutionException e) {
            // Not visible yet to the broker answering: ask again.
            return false;
        }
    }

    public InputWriter send(String topic, String key, String value) {
        return send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    public InputWriter send(ProducerRecord<String, byte[]> record) {
        pending.add(producer.send(record));
        return this;
    }

    /** Waits for every record sent so far; fails naming the first one the broker did not take. */
    public void flush() {
        producer.flush();
        List<Future<RecordMetadata>> sent = List.copyOf(pending);
        pending.clear();
        for (int i = 0; i < sent.size(); i++) {
            Optional<Throwable> failure = failure(sent.get(i));
            if (failure.isPresent()) {
                throw new IllegalStateException("Record " + (i + 1) + " of " + sent.size() + " was not written", failure.get());
            }
        }
    }

    private static Optional<Throwable> failure(Future<RecordMetadata> future) {
        try {
            future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(e.getCause());
        } catch (TimeoutException e) {
            return Optional.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(e);
        }
    }

    /** Flushes, then closes the producer. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close(TIMEOUT);
        }
    }
}
