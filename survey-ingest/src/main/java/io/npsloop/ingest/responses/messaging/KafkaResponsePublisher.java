package io.npsloop.ingest.responses.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.responses.ResponsePublisher;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventPublisher;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Publishes through the platform's synchronous {@link EventPublisher}: each send returns once the
 * broker acknowledged it. {@link #publishAll} runs many such sends at once on a small pool, so the
 * producer batches them and a chunk of an import costs about one round trip instead of one per
 * event; events of one customer (one key, one partition) are sent one after the other by one task,
 * so their order on the partition is the order given.
 */
@Component
class KafkaResponsePublisher implements ResponsePublisher {

    static final String BINDING = "responses-out";

    private final EventPublisher events;
    private final ExecutorService senders;

    KafkaResponsePublisher(EventPublisher events, IngestProperties properties) {
        this.events = events;
        this.senders = Executors.newFixedThreadPool(properties.publishConcurrency(), daemonThreads());
    }

    @Override
    public void publish(ResponseSubmitted event) {
        try {
            events.publish(BINDING, event, event.customerId(), event.eventId(), event.eventType(), event.occurredAt());
        } catch (EventNotPublishedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventNotPublishedException("Response " + event.responseId() + " was not published", e);
        }
    }

    @Override
    public List<@Nullable RuntimeException> publishAll(List<ResponseSubmitted> batch) {
        Map<String, List<Integer>> byCustomer = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byCustomer.computeIfAbsent(batch.get(i).customerId(), key -> new ArrayList<>()).add(i);
        }
        RuntimeException[] failures = new RuntimeException[batch.size()];
        // Once one send failed the broker is most likely unreachable: sends not yet started are given up
        // at once, so an outage costs about one max.block.ms per chunk, not one per customer.
        AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();
        List<CompletableFuture<Void>> sends = new ArrayList<>(byCustomer.size());
        for (List<Integer> indexes : byCustomer.values()) {
            sends.add(CompletableFuture.runAsync(() -> {
                RuntimeException failure = null;
                for (int index : indexes) {
                    // After a failure the customer's later events are not sent, so they cannot overtake it.
                    if (failure == null) {
                        failure = firstFailure.get();
                    }
                    if (failure == null) {
                        try {
                            publish(batch.get(index));
                        } catch (RuntimeException e) {
                            failure = e;
                            firstFailure.compareAndSet(null, e);
                        }
                    }
                    failures[index] = failure;
                }
            }, senders));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        List<@Nullable RuntimeException> result = new ArrayList<>(batch.size());
        for (RuntimeException failure : failures) {
            result.add(failure);
        }
        return result;
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "responses-publisher-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
