package io.npsloop.ingest;

import java.time.Clock;

import io.npsloop.ingest.responses.ResponseIntake;
import io.npsloop.ingest.responses.ResponsePublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ResponseIntake responseIntake(ResponsePublisher publisher, Clock clock) {
        return new ResponseIntake(publisher, clock);
    }
}
