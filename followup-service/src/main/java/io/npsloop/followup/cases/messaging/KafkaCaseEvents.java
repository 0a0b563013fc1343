package io.npsloop.followup.cases.messaging;

import io.npsloop.followup.cases.CaseEvents;
import io.npsloop.followup.cases.OutgoingEvent;
import io.npsloop.platform.messaging.EventPublisher;
import org.springframework.stereotype.Component;

/** Publishes case events on nps.followups.v1, keyed by customer id, synchronously. */
@Component
class KafkaCaseEvents implements CaseEvents {

    static final String BINDING = "followups-out";

    private final EventPublisher publisher;

    KafkaCaseEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(OutgoingEvent event) {
        publisher.publish(BINDING, event.payload(), event.key(), event.eventId(), event.eventType(), event.occurredAt());
    }
}
