package io.npsloop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.npsloop.contracts.CloudEventHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events straight through a Kafka producer, many at a time: every event of a call is
 * handed to the producer at once (so they travel in a few produce requests), then the call waits
 * for every acknowledgement and returns only when the broker has them all. A consumer that
 * publishes a batch's outputs this way commits its offsets only after its outputs are on their
 * topics; a failed send throws, the batch is handled again, and the copies that did get through
 * are recognised by consumers from their derived event ids.
 * <p>
 * The records are the ones {@link EventPublisher} writes through the binder (pinned by a contract
 * test): the event's JSON as the value, the key, and the CloudEvents binary-mode headers as UTF-8
 * bytes, plus {@code content-type}. The producer has the binder's settings (acks, idempotence,
 * timeouts from {@code spring.cloud.stream.kafka.binder.producer-properties}); an output binding's
 * destination is read from {@code spring.cloud.stream.bindings.<binding>.destination}, and a
 * topic missing on first use is created with the binder's partition count and replication factor,
 * as the binder would.
 */
public class EventSender implements DisposableBean {

    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SPEC_VERSION = CloudEventHeaders.SPEC_VERSION_1_0.getBytes(StandardCharsets.UTF_8);

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> template;
    private final JsonMapper mapper;
    private final Environment environment;
    private final byte[] source;
    private final Duration acknowledgementTimeout;
    private final Map<String, String> topics = new ConcurrentHashMap<>();
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> adminSettings;
    private final Duration provisionTimeout;

    public EventSender(Map<String, Object> producerSettings, Map<String, Object> adminSettings, JsonMapper mapper,
            Environment environment, String source) {
        this.producers = new DefaultKafkaProducerFactory<>(producerSettings);
        this.template = new KafkaTemplate<>(producers);
        // Looking a topic up must not outlast a send: with the broker away, both give up after max.block.ms.
        this.provisionTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(producerSettings.getOrDefault("max.block.ms", "60000"))));
        Map<String, Object> admin = new java.util.HashMap<>(adminSettings);
        admin.putIfAbsent("default.api.timeout.ms", (int) provisionTimeout.toMillis());
        admin.putIfAbsent("request.timeout.ms", (int) Math.min(provisionTimeout.toMillis(), 30_000));
        this.adminSettings = Map.copyOf(admin);
        this.mapper = mapper;
        this.environment = environment;
        this.source = source.getBytes(StandardCharsets.UTF_8);
        Object delivery = producerSettings.getOrDefault("delivery.timeout.ms", "120000");
        // The producer fails a send itself after delivery.timeout.ms; the margin only guards against a lost callback.
        this.acknowledgementTimeout = Duration.ofMillis(Long.parseLong(String.valueOf(delivery))).plusSeconds(10);
    }

    /** Publishes every event and returns once the broker acknowledged all of them; throws if any was not. */
    public void sendAll(List<OutgoingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> pending = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            try {
                pending.add(template.send(record(event)));
            } catch (RuntimeException e) {
                throw new EventNotPublishedException("The producer did not take event " + event.eventId() + " for " + event.binding(), e);
            }
        }
        long deadline = System.nanoTime() + acknowledgementTimeout.toNanos();
        for (int i = 0; i < pending.size(); i++) {
            String eventId = events.get(i).eventId();
            try {
                pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new EventNotPublishedException("The broker did not accept event " + eventId, e.getCause());
            } catch (TimeoutException e) {
                throw new EventNotPublishedException("No acknowledgement for event " + eventId + " in " + acknowledgementTimeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventNotPublishedException("Interrupted while waiting for event " + eventId, e);
            }
        }
    }

    /**
     * Publishes every event and waits for every acknowledgement; returns, per event in the order
     * given, null if the broker has it or the reason it does not. An event of a key whose earlier
     * event in this call failed is reported failed too (it may have reached the broker after the
     * failed one, out of order), so a caller that tells its clients which events are in never
     * confirms a later event of a key whose earlier event was lost. A refused event that did reach
     * the broker is a copy with the same event id when it is sent again.
     */
    public List<@Nullable RuntimeException> sendEach(List<OutgoingEvent> events) {
        List<CompletableFuture<?>> pending = new ArrayList<>(events.size());
        RuntimeException[] failures = new RuntimeException[events.size()];
        for (int i = 0; i < events.size(); i++) {
            try {
                pending.add(template.send(record(events.get(i))));
            } catch (RuntimeException e) {
                pending.add(null);
                failures[i] = new EventNotPublishedException("The producer did not take event " + events.get(i).eventId(), e);
            }
        }
        long deadline = System.nanoTime() + acknowledgementTimeout.toNanos();
        Set<String> failedKeys = new HashSet<>();
        List<@Nullable RuntimeException> results = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            OutgoingEvent event = events.get(i);
            RuntimeException failure = failures[i];
            if (failure == null) {
                try {
                    pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException e) {
                    failure = new EventNotPublishedException("The broker did not accept event " + event.eventId(), e.getCause());
                } catch (TimeoutException e) {
                    failure = new EventNotPublishedException("No acknowledgement for event " + event.eventId() + " in " + acknowledgementTimeout, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new EventNotPublishedException("Interrupted while waiting for event " + event.eventId(), e);
                }
            }
            if (failure == null && failedKeys.contains(event.key())) {
                failure = new EventNotPublishedException("Event " + event.eventId() + " follows a failed event of its key");
            }
            if (failure != null) {
                failedKeys.add(event.key());
            }
            results.add(failure);
        }
        return results;
    }

    /** The Kafka record of an event, as consumers read it. */
    ProducerRecord<byte[], byte[]> record(OutgoingEvent event) {
        List<Header> headers = List.of(
                new RecordHeader(CloudEventHeaders.ID, utf8(event.eventId())),
                new RecordHeader(CloudEventHeaders.TYPE, utf8(event.eventType())),
                new RecordHeader(CloudEventHeaders.SOURCE, source),
                new RecordHeader(CloudEventHeaders.TIME, utf8(event.time().toString())),
                new RecordHeader(CloudEventHeaders.SPEC_VERSION, SPEC_VERSION),
                new RecordHeader(CloudEventHeaders.SUBJECT, utf8(event.key())),
                new RecordHeader(CloudEventHeaders.CONTENT_TYPE, JSON));
        return new ProducerRecord<>(topicOf(event.binding()), null, utf8(event.key()), mapper.writeValueAsBytes(event.payload()), headers);
    }

    /** The template and its producer, for the dead-letter publisher. */
    KafkaTemplate<byte[], byte[]> template() {
        return template;
    }

    String topicOf(String binding) {
        String topic = topics.computeIfAbsent(binding, name -> {
            String destination = environment.getProperty("spring.cloud.stream.bindings." + name + ".destination");
            if (destination == null || destination.isBlank()) {
                throw new IllegalStateException("The output binding " + name + " has no destination");
            }
            return destination;
        });
        if (!provisioned.contains(topic)) {
            provision(topic);
        }
        return topic;
    }

    /**
     * Creates a missing topic as the binder would, then waits until every partition of it has a
     * leader: an idempotent producer that meets a partition without one (a topic created a moment
     * ago) can be left retrying out-of-order sequence errors until its delivery timeout.
     */
    private void provision(String topic) {
        boolean create = environment.getProperty("spring.cloud.stream.kafka.binder.auto-create-topics", Boolean.class, true);
        int partitions = environment.getProperty("spring.cloud.stream.kafka.binder.min-partition-count", Integer.class, 1);
        short replication = environment.getProperty("spring.cloud.stream.kafka.binder.replication-factor", Short.class, (short) -1);
        long timeout = provisionTimeout.toMillis();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        try (Admin admin = Admin.create(adminSettings)) {
            if (create && !admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(topic)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all().get(timeout, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EventNotPublishedException("Topic " + topic + " could not be created", e.getCause());
                    }
                }
            }
            while (!led(admin, topic, timeout)) {
                if (System.nanoTime() > deadline) {
                    throw new EventNotPublishedException("Topic " + topic + " has partitions without a leader after " + provisionTimeout);
                }
                Thread.sleep(50);
            }
            provisioned.add(topic);
        } catch (ExecutionException e) {
            throw new EventNotPublishedException("Topic " + topic + " could not be looked up", e.getCause());
        } catch (TimeoutException e) {
            throw new EventNotPublishedException("Topic " + topic + " could not be looked up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventNotPublishedException("Interrupted while creating topic " + topic, e);
        }
    }

    /** Whether the topic exists and each of its partitions has a leader; false while the broker does not know it yet. */
    private static boolean led(Admin admin, String topic, long timeoutMillis) throws InterruptedException, TimeoutException {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .get(topic);
            return description != null && !description.partitions().isEmpty()
                    && description.partitions().stream().allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new EventNotPublishedException("Topic " + topic + " could not be described", e.getCause());
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
