package io.npsloop.platform.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consuming edge of every service: a batch-mode binding's records (the whole poll, as raw
 * bytes) become one call of the service's {@link BatchHandler}. Per record, once: the JSON is
 * parsed, held to its event type's published schema ({@link EventContracts}), converted to the
 * handler's type and checked by the handler. Then, per batch: the {@link ArrivalGuard}s (erasure on
 * arrival) look up all the batch's customers at once, the handler does its work, and the guards
 * finish.
 * <p>
 * A poison record (not JSON, breaking its schema, not convertible, refused by the check) stops the
 * batch there: the records before it are handled, then a {@link BatchListenerFailedException} names
 * it, so the container's error handler ({@link BatchErrorHandling}) commits what was handled, sends
 * the poison record alone to the dead-letter topic without retrying it, and polls the rest again. A
 * batch whose handler fails is handled again one record at a time, and the first record that fails
 * alone is named the same way: retried with back-off, then dead-lettered alone, while every record
 * before it stays handled exactly once. Counted in {@code nps.events.invalid{binding}} (poison),
 * {@code nps.consumer.batch.size{binding}} and timed in {@code nps.consumer.batch{binding}}.
 */
public class EventBatches {

    static final String INVALID_METER = ContractCheck.METER;
    static final String SIZE_METER = "nps.consumer.batch.size";
    static final String TIME_METER = "nps.consumer.batch";

    private final @Nullable EventContracts contracts;
    private final JsonMapper mapper;
    private final MeterRegistry registry;
    private final List<ArrivalGuard> guards;

    /** {@code contracts} null leaves the schema check out ({@code nps.messaging.contract-check=false}). */
    public EventBatches(@Nullable EventContracts contracts, JsonMapper mapper, MeterRegistry registry, List<ArrivalGuard> guards) {
        this.contracts = contracts;
        this.mapper = mapper;
        this.registry = registry;
        this.guards = List.copyOf(guards);
    }

    /**
     * The function bean of a batch-mode binding: {@code binding} names it in metrics and logs,
     * {@code type} is what each record's JSON is read as ({@link JsonNode} for a topic of several
     * event types).
     */
    public <T> Consumer<Message<List<byte[]>>> consumer(String binding, Class<T> type, BatchHandler<T> handler) {
        Counter invalid = Counter.builder(INVALID_METER)
                .description("Consumed records that broke their event type's schema or were refused as poison")
                .tag("binding", binding)
                .register(registry);
        DistributionSummary sizes = DistributionSummary.builder(SIZE_METER)
                .description("Records per consumed batch")
                .tag("binding", binding)
                .register(registry);
        Timer timer = Timer.builder(TIME_METER)
                .description("Time to handle one consumed batch, its writes and sends included")
                .tag("binding", binding)
                .register(registry);
        return message -> {
            sizes.record(message.getPayload().size());
            timer.record(() -> accept(binding, type, handler, message, invalid));
        };
    }

    private <T> void accept(String binding, Class<T> type, BatchHandler<T> handler, Message<List<byte[]>> message, Counter invalid) {
        List<byte[]> payloads = message.getPayload();
        List<?> topics = list(message, KafkaHeaders.RECEIVED_TOPIC, payloads.size());
        List<?> partitions = list(message, KafkaHeaders.RECEIVED_PARTITION, payloads.size());
        List<?> offsets = list(message, KafkaHeaders.OFFSET, payloads.size());

        List<ObjectNode> nodes = new ArrayList<>(payloads.size());
        List<ConsumedEvent<T>> records = new ArrayList<>(payloads.size());
        RuntimeException poison = null;
        for (int i = 0; i < payloads.size() && poison == null; i++) {
            try {
                ObjectNode node = parse(payloads.get(i));
                T event = convert(node, type);
                handler.check(event);
                nodes.add(node);
                records.add(new ConsumedEvent<>(event, String.valueOf(topics.get(i)), ((Number) partitions.get(i)).intValue(),
                        ((Number) offsets.get(i)).longValue()));
            } catch (IllegalArgumentException | JacksonException e) {
                poison = e;
            }
        }
        if (!records.isEmpty()) {
            handleGuarded(binding, type, handler, nodes, records);
        }
        if (poison != null) {
            invalid.increment();
            throw new BatchListenerFailedException("Poison record on " + binding, poison, records.size());
        }
    }

    private <T> void handleGuarded(String binding, Class<T> type, BatchHandler<T> handler, List<ObjectNode> nodes,
            List<ConsumedEvent<T>> records) {
        List<ArrivalGuard.Guarded> guarded = new ArrayList<>(guards.size());
        try {
            for (ArrivalGuard guard : guards) {
                guarded.add(guard.before(binding, nodes));
            }
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("Guarding a batch on " + binding + " failed", e, 0);
        }
        List<ConsumedEvent<T>> batch = new ArrayList<>(records);
        for (ArrivalGuard.Guarded done : guarded) {
            for (int i : done.rewritten()) {
                ConsumedEvent<T> record = records.get(i);
                batch.set(i, new ConsumedEvent<>(convert(nodes.get(i), type), record.topic(), record.partition(), record.offset()));
            }
        }
        Failure failure = handle(handler, batch);
        try {
            guarded.forEach(ArrivalGuard.Guarded::after);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("Guarding a batch on " + binding + " failed after its handler", e, 0);
        }
        if (failure != null) {
            throw new BatchListenerFailedException("Handling a record on " + binding + " failed", failure.cause(), failure.index());
        }
    }

    /**
     * Handles the batch; if that fails, one record at a time, in order, up to the first that fails
     * alone: that one is returned, with everything before it handled. Null when all are handled.
     */
    private static <T> @Nullable Failure handle(BatchHandler<T> handler, List<ConsumedEvent<T>> batch) {
        try {
            handler.handle(batch);
            return null;
        } catch (RuntimeException whole) {
            if (batch.size() == 1) {
                return new Failure(0, whole);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                handler.handle(List.of(batch.get(i)));
            } catch (RuntimeException alone) {
                return new Failure(i, alone);
            }
        }
        // Every record went through alone: the batch failed for a passing reason, and is done now.
        return null;
    }

    private record Failure(int index, RuntimeException cause) {
    }

    private ObjectNode parse(byte @Nullable [] payload) {
        if (payload == null || payload.length == 0) {
            throw new InvalidEventException("A record without a value", List.of("/: a value is required"));
        }
        JsonNode node = mapper.readTree(payload);
        if (!(node instanceof ObjectNode event)) {
            throw new InvalidEventException("A record that is not a JSON object", List.of("/: must be an object"));
        }
        List<String> violations = contracts == null ? List.of() : contracts.violations(event);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(event.path("eventType").asString(), violations);
        }
        return event;
    }

    @SuppressWarnings("unchecked")
    private <T> T convert(ObjectNode node, Class<T> type) {
        if (type.isInstance(node)) {
            return (T) node;
        }
        return mapper.treeToValue(node, type);
    }

    private static List<?> list(Message<?> message, String header, int size) {
        Object value = message.getHeaders().get(header);
        if (value instanceof List<?> list && list.size() == size) {
            return list;
        }
        throw new IllegalStateException("A batch without its " + header + " per record: is the binding in batch mode?");
    }
}
