package io.npsloop.alerting.rules.messaging;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.rules.ChurnRiskCatalog;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.platform.messaging.BatchHandler;
import io.npsloop.platform.messaging.ConsumedEvent;
import io.npsloop.platform.messaging.EventBatches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The churn model in: of a poll of {@code ChurnRiskUpdated} records only the latest counts, and it
 * is kept unless a newer one is (counted in {@code nps.churn.models{outcome=kept|stale}}). Wiring is
 * in alerting-service.yml.
 */
@Configuration(proxyBeanMethods = false)
class ChurnRiskFunctions {

    static final String BINDING = "keepChurnRisk";

    @Bean
    Consumer<Message<List<byte[]>>> keepChurnRisk(EventBatches batches, ChurnRiskCatalog catalog, MeterRegistry meters) {
        return batches.consumer(BINDING, ChurnRiskUpdated.class, new BatchHandler<>() {

            @Override
            public void check(ChurnRiskUpdated update) {
                if (update.occurredAt() == null || update.byCategory() == null || update.themes() == null) {
                    throw new IllegalArgumentException("A churn model needs occurredAt, byCategory and themes");
                }
            }

            @Override
            public void handle(List<ConsumedEvent<ChurnRiskUpdated>> batch) {
                ChurnRiskUpdated latest = batch.stream().map(ConsumedEvent::event)
                        .max(Comparator.comparing(ChurnRiskUpdated::occurredAt)).orElseThrow();
                boolean kept = catalog.offer(latest);
                meters.counter("nps.churn.models", "outcome", kept ? "kept" : "stale").increment();
            }
        });
    }
}
