package io.npsloop.ingest.responses.messaging;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.ResponsePublisher;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventSender;
import io.npsloop.platform.messaging.OutgoingEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Publishes through the platform's {@link EventSender}: every event of a call is handed to the
 * producer at once and the call returns once the broker acknowledged each one, so a chunk of an
 * import, a batch request or a group of single requests costs about one round trip instead of one
 * per event. Events of one customer (one key, one partition) keep the order given; once one of a
 * customer's events failed, the customer's later events of the call are reported failed too, so
 * none of them is confirmed ahead of the one that was lost.
 */
@Component
class KafkaResponsePublisher implements ResponsePublisher {

    static final String BINDING = "responses-out";

    private final EventSender sender;

    KafkaResponsePublisher(EventSender sender) {
        this.sender = sender;
    }

    @Override
    public void publish(ResponseSubmitted event) {
        RuntimeException failure = publishAll(List.of(event)).get(0);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public List<@Nullable RuntimeException> publishAll(List<ResponseSubmitted> batch) {
        List<OutgoingEvent> events = new ArrayList<>(batch.size());
        for (ResponseSubmitted event : batch) {
            events.add(new OutgoingEvent(BINDING, event.customerId(), event, event.eventId(), event.eventType(), event.occurredAt()));
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
                    : new EventNotPublishedException("Response " + batch.get(i).responseId() + " was not published", failure));
        }
        return failures;
    }
}
