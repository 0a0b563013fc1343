package io.npsloop.alerting.alerts.messaging;

import io.npsloop.alerting.alerts.AlertEvents;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.messaging.EventPublisher;
import org.springframework.stereotype.Component;

@Component
class KafkaAlertEvents implements AlertEvents {

    static final String BINDING = "alerts-out";

    private final EventPublisher publisher;

    KafkaAlertEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void raised(DetractorAlertRaised alert) {
        publisher.publish(BINDING, alert, alert.customerId(), alert.eventId(), alert.eventType(), alert.occurredAt());
    }
}
