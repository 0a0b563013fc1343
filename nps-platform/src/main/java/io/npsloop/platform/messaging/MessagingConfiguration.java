package io.npsloop.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;

@AutoConfiguration
public class MessagingConfiguration {

    @Bean
    EventPublisher eventPublisher(StreamBridge streamBridge, @Value("${spring.application.name}") String applicationName) {
        return new EventPublisher(streamBridge, applicationName);
    }

    @Bean
    DeadLetterRouting deadLetterRouting(MeterRegistry registry) {
        return new DeadLetterRouting(registry);
    }
}
