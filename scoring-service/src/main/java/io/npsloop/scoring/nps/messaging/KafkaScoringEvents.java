package io.npsloop.scoring.nps.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.messaging.EventMessages;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventPublisher;
import io.npsloop.scoring.nps.ScoringEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes the outputs of one record without a broker round trip per event: every event is handed
 * to the producer at once (the output bindings are not {@code sync}), then this waits for all the
 * acknowledgements (acks=all, idempotent producer) before returning, so the input record is
 * acknowledged only once every output is on its topic. The messages are the ones
 * {@link EventPublisher} builds (same value, key and CloudEvents headers); the binder hands each
 * send's future back through {@link ScoringSendResults}, matched by a token header that is not
 * mapped onto the Kafka record.
 */
@Component
class KafkaScoringEvents implements ScoringEvents {

    static final String SCORED_BINDING = "scored-out";
    static final String METRICS_BINDING = "metrics-out";

    private final StreamBridge streamBridge;
    private final ScoringSendResults results;
    private final String source;
    private final Duration acknowledgementTimeout;

    KafkaScoringEvents(StreamBridge streamBridge, ScoringSendResults results, EventPublisher publisher,
            @Value("${spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms:30000}") long deliveryTimeoutMs) {
        this.streamBridge = streamBridge;
        this.results = results;
        this.source = publisher.source();
        // The producer fails a send itself after delivery.timeout.ms; the margin only guards against a lost callback.
        this.acknowledgementTimeout = Duration.ofMillis(deliveryTimeoutMs).plusSeconds(10);
    }

    @Override
    public void publish(ResponseScored scored, List<NpsMetricsUpdated> metrics) {
        List<Pending> pending = new ArrayList<>(metrics.size() + 1);
        pending.add(send(SCORED_BINDING, scored, scored.customerId(), scored.eventId(), scored.eventType(), scored.occurredAt()));
        for (NpsMetricsUpdated event : metrics) {
            pending.add(send(METRICS_BINDING, event, event.key(), event.eventId(), event.eventType(), event.occurredAt()));
        }
        long deadline = System.nanoTime() + acknowledgementTimeout.toNanos();
        for (Pending send : pending) {
            try {
                send.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new EventNotPublishedException("The broker did not accept event " + send.eventId(), e.getCause());
            } catch (TimeoutException e) {
                throw new EventNotPublishedException("No acknowledgement for event " + send.eventId() + " in " + acknowledgementTimeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventNotPublishedException("Interrupted while waiting for event " + send.eventId(), e);
            }
        }
    }

    private Pending send(String binding, Object event, String key, String eventId, String eventType, Instant time) {
        String token = UUID.randomUUID().toString();
        Message<?> message = MessageBuilder.fromMessage(EventMessages.cloudEvent(event, key, eventId, eventType, source, time))
                .setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, token)
                .build();
        CompletableFuture<?> future;
        try {
            if (!streamBridge.send(binding, message)) {
                throw new EventNotPublishedException("The producer did not take event " + eventId + " on " + binding);
            }
        } finally {
            // The binder hands the future over during send, on this thread; take it in every case so none is left behind.
            future = results.take(token);
        }
        if (future == null) {
            throw new EventNotPublishedException("No send result for event " + eventId + " on " + binding
                    + ": is the binding's producer sync (it must not be)?");
        }
        return new Pending(eventId, future);
    }

    private record Pending(String eventId, CompletableFuture<?> future) {
    }
}
