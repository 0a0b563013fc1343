package io.npsloop.alerting;

import java.time.Clock;

import io.npsloop.alerting.alerts.AlertEvents;
import io.npsloop.alerting.alerts.AlertPolicy;
import io.npsloop.alerting.alerts.AlertRaising;
import io.npsloop.alerting.alerts.AlertStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AlertingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AlertRaising alertRaising(AlertingProperties properties, AlertStore store, AlertEvents events, Clock clock) {
        return new AlertRaising(new AlertPolicy(properties.defaultQueue(), properties.executiveQueue()), store, events, clock);
    }
}
