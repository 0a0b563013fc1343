package io.npsloop.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.integration.config.GlobalChannelInterceptor;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration
public class MessagingConfiguration {

    @Bean
    EventPublisher eventPublisher(StreamBridge streamBridge, @Value("${spring.application.name}") String applicationName) {
        return new EventPublisher(streamBridge, applicationName);
    }

    /** On every record-mode input binding channel (the erasures): see {@link ContractCheck}; batch-mode bindings check in {@link EventBatches}. */
    @Bean
    @GlobalChannelInterceptor(patterns = "*-in-*")
    @ConditionalOnBooleanProperty(name = "nps.messaging.contract-check", matchIfMissing = true)
    ContractCheck contractCheck(JsonMapper mapper, MeterRegistry registry) {
        return new ContractCheck(new EventContracts(), mapper, registry);
    }

    /** The edge of the batch-mode bindings; {@code nps.messaging.contract-check=false} leaves its schema check out, as it does {@link ContractCheck}. */
    @Bean
    EventBatches eventBatches(JsonMapper mapper, MeterRegistry registry, ObjectProvider<ArrivalGuard> guards,
            @Value("${nps.messaging.contract-check:true}") boolean contractCheck) {
        return new EventBatches(contractCheck ? new EventContracts() : null, mapper, registry, guards.orderedStream().toList());
    }

    /**
     * The producer of {@link EventSender}, with the binder's producer settings: the same brokers,
     * {@code required-acks} and {@code producer-properties} the output bindings use.
     */
    @Bean
    EventSender eventSender(Environment environment, JsonMapper mapper, @Value("${spring.application.name}") String applicationName) {
        Binder binder = Binder.get(environment);
        Map<String, Object> admin = new HashMap<>();
        admin.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"));
        Map<String, Object> producer = new HashMap<>(admin);
        producer.put(ProducerConfig.ACKS_CONFIG, environment.getProperty("spring.cloud.stream.kafka.binder.required-acks", "all"));
        producer.putAll(binder.bind("spring.cloud.stream.kafka.binder.producer-properties", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-events");
        return new EventSender(producer, admin, mapper, environment, EventPublisher.sourceOf(applicationName));
    }

    @Bean
    BatchErrorHandling batchErrorHandling(EventSender sender, DeadLetterRouting routing) {
        return new BatchErrorHandling(sender, routing);
    }

    @Bean
    DeadLetterRouting deadLetterRouting(MeterRegistry registry) {
        return new DeadLetterRouting(registry);
    }
}
