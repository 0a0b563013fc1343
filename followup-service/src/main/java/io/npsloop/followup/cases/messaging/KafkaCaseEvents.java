package io.npsloop.followup.cases.messaging;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.followup.cases.CaseEvents;
import io.npsloop.platform.messaging.EventPublisher;
import org.springframework.stereotype.Component;

@Component
class KafkaCaseEvents implements CaseEvents {

    static final String BINDING = "followups-out";

    private final EventPublisher publisher;

    KafkaCaseEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void opened(CaseOpened event) {
        publisher.publish(BINDING, event, event.customerId(), event.eventId(), event.eventType(), event.occurredAt());
    }
}
