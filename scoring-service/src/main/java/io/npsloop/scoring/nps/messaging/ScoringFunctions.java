package io.npsloop.scoring.nps.messaging;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.scoring.nps.ResponseScoring;
import io.npsloop.scoring.nps.ScoringDecision;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * The Kafka edge of scoring: one record in, scored response and figures out. Wiring is in
 * scoring-service.yml. Counts each record by outcome ({@code nps.scoring.responses}) and times it
 * ({@code nps.scoring.processing}); a record that fails is not counted, it is retried or dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class ScoringFunctions {

    static final String RESPONSES_METER = "nps.scoring.responses";
    static final String PROCESSING_METER = "nps.scoring.processing";

    @Bean
    Consumer<Message<ResponseSubmitted>> scoreResponse(ResponseScoring scoring, MeterRegistry meters) {
        Timer timer = Timer.builder(PROCESSING_METER)
                .description("Time to score one input record, publishing included")
                .register(meters);
        Counter applied = outcomes(meters, "applied");
        Counter redelivery = outcomes(meters, "redelivery");
        Counter duplicate = outcomes(meters, "duplicate");
        return message -> {
            Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
            if (partition == null || offset == null) {
                throw new IllegalStateException("A record without partition and offset cannot be applied exactly once");
            }
            ScoringDecision.Outcome outcome = timer.record(() -> scoring.score(message.getPayload(), partition, offset));
            if (outcome instanceof ScoringDecision.Outcome.Applied) {
                applied.increment();
            } else if (outcome instanceof ScoringDecision.Outcome.Redelivery) {
                redelivery.increment();
            } else {
                duplicate.increment();
            }
        };
    }

    private static Counter outcomes(MeterRegistry meters, String outcome) {
        return Counter.builder(RESPONSES_METER)
                .description("Input records scored, by what they did to the tallies")
                .tag("outcome", outcome)
                .register(meters);
    }
}
