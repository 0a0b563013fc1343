package io.npsloop.reporting;

import java.time.Clock;

import io.npsloop.reporting.overview.OverviewQuery;
import io.npsloop.reporting.overview.OverviewStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReportingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OverviewQuery overviewQuery(OverviewStore store, Clock clock, ReportingProperties properties) {
        return new OverviewQuery(store, clock, properties.timeZone());
    }
}
