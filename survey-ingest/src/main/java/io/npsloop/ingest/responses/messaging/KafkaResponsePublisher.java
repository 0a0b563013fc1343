package io.npsloop.ingest.responses.messaging;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.ResponsePublisher;
import io.npsloop.platform.messaging.EventSender;
import org.springframework.stereotype.Component;

/** Responses onto {@code nps.responses.v1} (binding {@value #BINDING}), keyed by customer id. */
@Component
class KafkaResponsePublisher extends KafkaEventPublisher<ResponseSubmitted> implements ResponsePublisher {

    static final String BINDING = "responses-out";

    KafkaResponsePublisher(EventSender sender) {
        super(sender, BINDING, event -> "Response " + event.responseId());
    }
}
