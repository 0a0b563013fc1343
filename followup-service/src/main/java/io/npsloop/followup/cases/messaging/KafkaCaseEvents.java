package io.npsloop.followup.cases.messaging;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.followup.cases.CaseEvents;
import io.npsloop.followup.cases.OutgoingEvent;
import io.npsloop.platform.messaging.EventSender;
import org.springframework.stereotype.Component;

/**
 * Publishes case events on nps.followups.v1, keyed by customer id, through one producer: a
 * consumed batch's events are handed over together and their acknowledgements awaited together;
 * an agent's change waits for its own. Both paths use the same producer, so a customer's events
 * leave in the order they are published.
 */
@Component
class KafkaCaseEvents implements CaseEvents {

    static final String BINDING = "followups-out";

    private final EventSender sender;

    KafkaCaseEvents(EventSender sender) {
        this.sender = sender;
    }

    @Override
    public void publish(OutgoingEvent event) {
        sender.sendAll(List.of(outgoing(event)));
    }

    @Override
    public void publishAll(List<OutgoingEvent> events) {
        List<io.npsloop.platform.messaging.OutgoingEvent> outgoing = new ArrayList<>(events.size());
        events.forEach(event -> outgoing.add(outgoing(event)));
        sender.sendAll(outgoing);
    }

    static io.npsloop.platform.messaging.OutgoingEvent outgoing(OutgoingEvent event) {
        return new io.npsloop.platform.messaging.OutgoingEvent(BINDING, event.key(), event.payload(), event.eventId(),
                event.eventType(), event.occurredAt());
    }
}
