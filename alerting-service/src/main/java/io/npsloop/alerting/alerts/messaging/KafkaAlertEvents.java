package io.npsloop.alerting.alerts.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertEvents;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.messaging.EventPublisher;
import org.springframework.stereotype.Component;

/** Publishes alerts on nps.alerts.v1, keyed by customer id, and counts them by severity. */
@Component
class KafkaAlertEvents implements AlertEvents {

    static final String BINDING = "alerts-out";

    private final EventPublisher publisher;
    private final MeterRegistry meters;

    KafkaAlertEvents(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    @Override
    public void raised(DetractorAlertRaised alert) {
        publisher.publish(BINDING, alert, alert.customerId(), alert.eventId(), alert.eventType(), alert.occurredAt());
        meters.counter("nps.alerts.raised", "severity", alert.severity().name()).increment();
    }
}
