package io.npsloop.ingest.responses.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.npsloop.contracts.Event;
import io.npsloop.ingest.responses.EventPublisher;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventSender;
import io.npsloop.platform.messaging.OutgoingEvent;
import org.jspecify.annotations.Nullable;

/**
 * Publishes through the platform's {@link EventSender}: every event of a call is handed to the
 * producer at once and the call returns once the broker acknowledged each one, so a chunk of an
 * import, a batch request or a group of single requests costs about one round trip instead of one
 * per event. Events of one customer (one key, one partition) keep the order given; once one of a
 * customer's events failed, the customer's later events of the call are reported failed too, so
 * none of them is confirmed ahead of the one that was lost.
 */
public class KafkaEventPublisher<E extends Event> implements EventPublisher<E> {

    private final EventSender sender;
    private final String binding;
    private final Function<E, String> describe;

    /**
     * Events onto {@code binding}, each under its own key (the customer id), id, type and time;
     * {@code describe} names an event in a failure ("Response r-1").
     */
    public KafkaEventPublisher(EventSender sender, String binding, Function<E, String> describe) {
        this.sender = sender;
        this.binding = binding;
        this.describe = describe;
    }

    @Override
    public void publish(E event) {
        RuntimeException failure = publishAll(List.of(event)).get(0);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<@Nullable RuntimeException> publishAll(List<E> batch) {
        List<OutgoingEvent> events = new ArrayList<>(batch.size());
        for (E event : batch) {
            events.add(OutgoingEvent.of(binding, event));
        }
        List<@Nullable RuntimeException> failures = new ArrayList<>(batch.size());
        List<@Nullable RuntimeException> results;
        try {
            results = sender.sendEach(events);
        } catch (RuntimeException e) {
            results = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                results.add(e);
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            RuntimeException failure = results.get(i);
            failures.add(failure == null || failure instanceof EventNotPublishedException ? failure
                    : new EventNotPublishedException(describe.apply(batch.get(i)) + " was not published", failure));
        }
        return failures;
    }
}
