package io.npsloop.scoring.nps.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.BatchHandler;
import io.npsloop.platform.messaging.ConsumedEvent;
import io.npsloop.platform.messaging.EventBatches;
import io.npsloop.scoring.nps.ResponseScoring;
import io.npsloop.scoring.nps.ScoringDecision;
import io.npsloop.scoring.nps.ScoringInput;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka edge of scoring: a batch of submitted responses in (batch-mode binding, see
 * scoring-service.yml), scored responses and figures out. A response without what scoring keys and
 * buckets by is refused before the batch is handled, so it alone is dead-lettered. Counts each record
 * by outcome ({@code nps.scoring.responses}) and times each batch ({@code nps.scoring.processing}); a
 * batch that fails is not counted, it is handled again.
 */
@Configuration(proxyBeanMethods = false)
class ScoringFunctions {

    static final String RESPONSES_METER = "nps.scoring.responses";
    static final String PROCESSING_METER = "nps.scoring.processing";

    @Bean
    Consumer<Message<List<byte[]>>> scoreResponse(EventBatches batches, ResponseScoring scoring, MeterRegistry meters) {
        Timer timer = Timer.builder(PROCESSING_METER)
                .description("Time to score one batch of input records, publishing included")
                .register(meters);
        Counter applied = outcomes(meters, "applied");
        Counter redelivery = outcomes(meters, "redelivery");
        Counter duplicate = outcomes(meters, "duplicate");
        return batches.consumer("scoreResponse", ResponseSubmitted.class, new BatchHandler<>() {
            @Override
            public void check(ResponseSubmitted event) {
                ResponseScoring.requireComplete(event);
            }

            @Override
            public void handle(List<ConsumedEvent<ResponseSubmitted>> batch) {
                List<ScoringInput> inputs = new ArrayList<>(batch.size());
                batch.forEach(record -> inputs.add(new ScoringInput(record.event(), record.partition(), record.offset())));
                List<ScoringDecision.Outcome> outcomes = timer.record(() -> scoring.scoreAll(inputs));
                for (ScoringDecision.Outcome outcome : outcomes) {
                    if (outcome instanceof ScoringDecision.Outcome.Applied) {
                        applied.increment();
                    } else if (outcome instanceof ScoringDecision.Outcome.Redelivery) {
                        redelivery.increment();
                    } else {
                        duplicate.increment();
                    }
                }
            }
        });
    }

    private static Counter outcomes(MeterRegistry meters, String outcome) {
        return Counter.builder(RESPONSES_METER)
                .description("Input records scored, by what they did to the tallies")
                .tag("outcome", outcome)
                .register(meters);
    }
}
