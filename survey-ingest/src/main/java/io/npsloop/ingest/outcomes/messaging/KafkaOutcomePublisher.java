package io.npsloop.ingest.outcomes.messaging;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.ingest.outcomes.OutcomePublisher;
import io.npsloop.ingest.responses.messaging.KafkaEventPublisher;
import io.npsloop.platform.messaging.EventSender;
import org.springframework.stereotype.Component;

/** Outcomes onto {@code nps.outcomes.v1} (binding {@value #BINDING}), keyed by customer id like the responses. */
@Component
class KafkaOutcomePublisher extends KafkaEventPublisher<CustomerOutcomeRecorded> implements OutcomePublisher {

    static final String BINDING = "outcomes-out";

    KafkaOutcomePublisher(EventSender sender) {
        super(sender, BINDING, event -> "Outcome " + event.outcomeId());
    }
}
