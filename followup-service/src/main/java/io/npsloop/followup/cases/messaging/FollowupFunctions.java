package io.npsloop.followup.cases.messaging;

import java.util.List;
import java.util.function.Consumer;

import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.followup.cases.CaseOpening;
import io.npsloop.followup.cases.LoopClosure;
import io.npsloop.platform.messaging.ConsumedEvent;
import io.npsloop.platform.messaging.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka edge of follow-up: alerts and scored answers in, a poll at a time (batch-mode
 * bindings), case events out. Wiring is in followup-service.yml.
 */
@Configuration(proxyBeanMethods = false)
class FollowupFunctions {

    @Bean
    Consumer<Message<List<byte[]>>> openCases(EventBatches batches, CaseOpening opening) {
        return batches.consumer("openCases", DetractorAlertRaised.class,
                batch -> opening.openAll(events(batch)));
    }

    @Bean
    Consumer<Message<List<byte[]>>> closeLoops(EventBatches batches, LoopClosure closure) {
        return batches.consumer("closeLoops", ResponseScored.class,
                batch -> closure.answeredAll(events(batch)));
    }

    private static <T> List<T> events(List<ConsumedEvent<T>> batch) {
        return batch.stream().map(ConsumedEvent::event).toList();
    }
}
