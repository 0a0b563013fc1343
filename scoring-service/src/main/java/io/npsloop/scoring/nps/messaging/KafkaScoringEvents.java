package io.npsloop.scoring.nps.messaging;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.messaging.EventSender;
import io.npsloop.platform.messaging.OutgoingEvent;
import io.npsloop.scoring.nps.ScoringEvents;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch's outputs in one go through the platform's {@link EventSender}: every event is
 * handed to the producer at once, then every acknowledgement is awaited (acks=all, idempotent
 * producer) before the batch's offsets may be committed. Scored responses are keyed by customer id,
 * figures by their segment and period.
 */
@Component
class KafkaScoringEvents implements ScoringEvents {

    static final String SCORED_BINDING = "scored-out";
    static final String METRICS_BINDING = "metrics-out";

    private final EventSender sender;

    KafkaScoringEvents(EventSender sender) {
        this.sender = sender;
    }

    @Override
    public void publish(List<ResponseScored> scored, List<NpsMetricsUpdated> metrics) {
        List<OutgoingEvent> events = new ArrayList<>(scored.size() + metrics.size());
        for (ResponseScored event : scored) {
            events.add(OutgoingEvent.of(SCORED_BINDING, event));
        }
        for (NpsMetricsUpdated event : metrics) {
            events.add(OutgoingEvent.of(METRICS_BINDING, event));
        }
        sender.sendAll(events);
    }
}
