package io.npsloop.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import io.npsloop.contracts.CustomerErased;
import io.npsloop.contracts.CustomerErasureRequested;
import io.npsloop.contracts.EventTypes;
import io.npsloop.platform.messaging.EventPublisher;
import io.npsloop.platform.messaging.MessagingConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code erasures} consumer every service binds to {@code nps.erasures.v1} (wiring in
 * nps-platform.yml; each service lists {@code erasures} in its function definition). A request runs
 * every {@link PersonalDataEraser} of the service and publishes the service's receipt; a receipt
 * goes to the {@link ErasureReceipts} of the service that keeps the audit, and is ignored elsewhere.
 */
@AutoConfiguration(after = MessagingConfiguration.class)
public class ErasureConfiguration {

    public static final String OUTPUT_BINDING = "erasures-out";

    private static final Logger log = LoggerFactory.getLogger(ErasureConfiguration.class);

    @Bean
    Consumer<byte[]> erasures(List<PersonalDataEraser> erasers, ObjectProvider<ErasureReceipts> receipts, EventPublisher publisher,
            JsonMapper mapper, ObjectProvider<Clock> clock, @Value("${spring.application.name}") String service) {
        return payload -> {
            JsonNode event = mapper.readTree(payload);
            String type = event.path("eventType").asString("");
            if (EventTypes.CUSTOMER_ERASURE_REQUESTED.equals(type)) {
                CustomerErasureRequested request = mapper.treeToValue(event, CustomerErasureRequested.class);
                if (blank(request.erasureId()) || blank(request.customerId())) {
                    throw new IllegalArgumentException("An erasure request needs an erasure id and a customer id");
                }
                Map<String, Long> erased = new TreeMap<>();
                for (PersonalDataEraser eraser : erasers) {
                    eraser.erase(request.customerId(), request.replacementCustomerId()).forEach((store, n) -> erased.merge(store, n, Long::sum));
                }
                CustomerErased receipt = new CustomerErased(
                        UUID.nameUUIDFromBytes((request.erasureId() + "|" + service).getBytes(StandardCharsets.UTF_8)).toString(),
                        EventTypes.CUSTOMER_ERASED, CustomerErased.SCHEMA_VERSION, clock.getIfAvailable(Clock::systemUTC).instant(),
                        request.erasureId(), service, erased);
                publisher.publish(OUTPUT_BINDING, receipt, request.erasureId(), receipt.eventId(), receipt.eventType(), receipt.occurredAt());
                // The erasure id only: the customer id is exactly what must not reach the logs.
                log.info("Erasure {} done in {}: {}", request.erasureId(), service, erased);
            } else if (EventTypes.CUSTOMER_ERASED.equals(type)) {
                receipts.ifAvailable(audit -> audit.received(mapper.treeToValue(event, CustomerErased.class)));
            } else {
                throw new IllegalArgumentException("Not an erasure event: eventType " + type);
            }
        };
    }

    @Bean
    TopicRetention topicRetention(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${nps.privacy.personal-data-topics}") List<String> topics, @Value("${nps.privacy.topic-retention}") Duration retention) {
        return new TopicRetention(bootstrapServers, topics, retention);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
