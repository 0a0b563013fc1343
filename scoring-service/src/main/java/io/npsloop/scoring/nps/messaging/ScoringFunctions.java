package io.npsloop.scoring.nps.messaging;

import java.util.function.Consumer;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.scoring.nps.ResponseScoring;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** The Kafka edge of scoring: one record in, scored response and figures out. Wiring is in scoring-service.yml. */
@Configuration(proxyBeanMethods = false)
class ScoringFunctions {

    @Bean
    Consumer<Message<ResponseSubmitted>> scoreResponse(ResponseScoring scoring) {
        return message -> {
            Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
            if (partition == null || offset == null) {
                throw new IllegalStateException("A record without partition and offset cannot be applied exactly once");
            }
            scoring.score(message.getPayload(), partition, offset);
        };
    }
}
