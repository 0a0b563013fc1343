package io.npsloop.alerting.alerts.messaging;

import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.contracts.ResponseScored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka edge of alerting: scored responses in, alerts out. Wiring is in alerting-service.yml. */
@Configuration(proxyBeanMethods = false)
class AlertingFunctions {

    @Bean
    Consumer<ResponseScored> raiseAlerts(AlertRaising raising, MeterRegistry meters) {
        return response -> {
            AlertRaising.Outcome outcome = raising.evaluate(response);
            meters.counter("nps.alerts.evaluated", "outcome", outcome.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        };
    }
}
