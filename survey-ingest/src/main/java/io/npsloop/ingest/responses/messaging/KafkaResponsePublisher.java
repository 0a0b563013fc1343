package io.npsloop.ingest.responses.messaging;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.ResponsePublisher;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.messaging.EventPublisher;
import org.springframework.stereotype.Component;

@Component
class KafkaResponsePublisher implements ResponsePublisher {

    static final String BINDING = "responses-out";

    private final EventPublisher events;

    KafkaResponsePublisher(EventPublisher events) {
        this.events = events;
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
}
