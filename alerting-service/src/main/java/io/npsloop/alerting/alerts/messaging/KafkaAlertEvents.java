package io.npsloop.alerting.alerts.messaging;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertEvents;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.platform.messaging.EventSender;
import io.npsloop.platform.messaging.OutgoingEvent;
import org.springframework.stereotype.Component;

/**
 * Publishes alerts on nps.alerts.v1, keyed by customer id, all of a batch through one producer with
 * the acknowledgements awaited together, and counts them by severity once the broker has them.
 */
@Component
class KafkaAlertEvents implements AlertEvents {

    static final String BINDING = "alerts-out";

    private final EventSender sender;
    private final MeterRegistry meters;

    KafkaAlertEvents(EventSender sender, MeterRegistry meters) {
        this.sender = sender;
        this.meters = meters;
    }

    @Override
    public void raisedAll(List<DetractorAlertRaised> alerts) {
        sender.sendAll(alerts.stream()
                .map(alert -> OutgoingEvent.of(BINDING, alert))
                .toList());
        alerts.forEach(alert -> meters.counter("nps.alerts.raised", "severity", alert.severity().name()).increment());
    }
}
