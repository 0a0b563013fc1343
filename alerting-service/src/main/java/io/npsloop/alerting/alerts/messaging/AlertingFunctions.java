package io.npsloop.alerting.alerts.messaging;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.messaging.BatchHandler;
import io.npsloop.platform.messaging.ConsumedEvent;
import io.npsloop.platform.messaging.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The Kafka edge of alerting: scored responses in, a batch (one poll) at a time, alerts out.
 * Wiring is in alerting-service.yml.
 */
@Configuration(proxyBeanMethods = false)
class AlertingFunctions {

    static final String BINDING = "raiseAlerts";

    @Bean
    Consumer<Message<List<byte[]>>> raiseAlerts(EventBatches batches, AlertRaising raising, MeterRegistry meters) {
        return batches.consumer(BINDING, ResponseScored.class, new BatchHandler<>() {

            @Override
            public void check(ResponseScored response) {
                AlertRaising.check(response);
            }

            /** Counted once the batch is done: a batch that fails and is handled again record by record counts each record once. */
            @Override
            public void handle(List<ConsumedEvent<ResponseScored>> batch) {
                List<AlertRaising.Outcome> outcomes = raising.evaluateAll(batch.stream().map(ConsumedEvent::event).toList());
                outcomes.forEach(outcome -> meters.counter("nps.alerts.evaluated", "outcome",
                        outcome.kind().name().toLowerCase(Locale.ROOT)).increment());
            }
        });
    }
}
