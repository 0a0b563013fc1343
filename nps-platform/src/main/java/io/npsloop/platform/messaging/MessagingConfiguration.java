package io.npsloop.platform.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.GlobalChannelInterceptor;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration
public class MessagingConfiguration {

    @Bean
    EventPublisher eventPublisher(StreamBridge streamBridge, @Value("${spring.application.name}") String applicationName) {
        return new EventPublisher(streamBridge, applicationName);
    }

    /** On every input binding channel: see {@link ContractCheck}. */
    @Bean
    @GlobalChannelInterceptor(patterns = "*-in-*")
    @ConditionalOnBooleanProperty(name = "nps.messaging.contract-check", matchIfMissing = true)
    ContractCheck contractCheck(JsonMapper mapper, MeterRegistry registry) {
        return new ContractCheck(new EventContracts(), mapper, registry);
    }

    @Bean
    DeadLetterRouting deadLetterRouting(MeterRegistry registry) {
        return new DeadLetterRouting(registry);
    }
}
