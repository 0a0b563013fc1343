package io.npsloop.scoring.nps.messaging;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.messaging.EventPublisher;
import io.npsloop.scoring.nps.ScoringEvents;
import org.springframework.stereotype.Component;

@Component
class KafkaScoringEvents implements ScoringEvents {

    static final String SCORED_BINDING = "scored-out";
    static final String METRICS_BINDING = "metrics-out";

    private final EventPublisher publisher;

    KafkaScoringEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void scored(ResponseScored event) {
        publisher.publish(SCORED_BINDING, event, event.customerId(), event.eventId(), event.eventType(), event.occurredAt());
    }

    @Override
    public void metrics(NpsMetricsUpdated event) {
        publisher.publish(METRICS_BINDING, event, event.key(), event.eventId(), event.eventType(), event.occurredAt());
    }
}
