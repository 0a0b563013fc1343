package io.npsloop.platform.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.CustomerErased;
import io.npsloop.contracts.CustomerErasureRequested;
import io.npsloop.contracts.EventIds;
import io.npsloop.contracts.EventTypes;
import io.npsloop.platform.messaging.EventPublisher;
import io.npsloop.platform.messaging.MessagingConfiguration;
import io.npsloop.platform.mongo.MongoConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.config.GlobalChannelInterceptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code erasures} consumer every service binds to {@code nps.erasures.v1} (wiring in
 * nps-platform.yml; each service lists {@code erasures} in its function definition). A request puts
 * the customer on the service's {@link ErasedCustomers} record, then runs every
 * {@link PersonalDataEraser} of the service and publishes the service's receipt; a receipt goes to
 * the {@link ErasureReceipts} of the service that keeps the audit, and is ignored elsewhere. Records
 * that arrive later about an erased customer are pseudonymised on arrival ({@link ErasureOnArrival}).
 */
@AutoConfiguration(after = {MessagingConfiguration.class, MongoConfiguration.class})
public class ErasureConfiguration {

    public static final String INPUT_BINDING = "erasures-in-0";
    public static final String OUTPUT_BINDING = "erasures-out";

    private static final Logger log = LoggerFactory.getLogger(ErasureConfiguration.class);

    @Bean
    Consumer<byte[]> erasures(List<PersonalDataEraser> erasers, ErasedCustomers erasedCustomers, ObjectProvider<ErasureReceipts> receipts,
            EventPublisher publisher, JsonMapper mapper, ObjectProvider<Clock> clock, @Value("${spring.application.name}") String service) {
        return payload -> {
            JsonNode event = mapper.readTree(payload);
            String type = event.path("eventType").asString("");
            if (EventTypes.CUSTOMER_ERASURE_REQUESTED.equals(type)) {
                CustomerErasureRequested request = mapper.treeToValue(event, CustomerErasureRequested.class);
                if (blank(request.erasureId()) || blank(request.customerId())) {
                    throw new IllegalArgumentException("An erasure request needs an erasure id and a customer id");
                }
                Instant now = clock.getIfAvailable(Clock::systemUTC).instant();
                // On record first, then erased: a record handled meanwhile either sees the record
                // (ErasureOnArrival) or wrote before this pass, which then finds what it wrote.
                // A customer erased before keeps the first replacement id, so their documents stay together.
                String replacement = erasedCustomers.record(request.customerId(), request.replacementCustomerId(), now);
                Map<String, Long> erased = PersonalDataEraser.eraseAll(erasers, request.customerId(), replacement);
                CustomerErased receipt = new CustomerErased(
                        EventIds.derived(request.erasureId(), service),
                        EventTypes.CUSTOMER_ERASED, CustomerErased.SCHEMA_VERSION, now, request.erasureId(), service, erased);
                publisher.publish(OUTPUT_BINDING, receipt);
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
    ErasedCustomers erasedCustomers(MongoDatabase database) {
        return new MongoErasedCustomers(database);
    }

    /**
     * On the input channel of every consumer binding but this configuration's own; after the
     * interceptors of default order, so those see each record as it was produced.
     */
    @Bean
    @GlobalChannelInterceptor(patterns = {"!" + INPUT_BINDING, "*-in-*"}, order = 100)
    ErasureOnArrival erasureOnArrival(ErasedCustomers erasedCustomers, List<PersonalDataEraser> erasers) {
        return new ErasureOnArrival(erasedCustomers, erasers);
    }

    /** The same rule for batch-mode bindings, one look-up per batch: see {@link ErasureOnBatchArrival}. */
    @Bean
    ErasureOnBatchArrival erasureOnBatchArrival(ErasedCustomers erasedCustomers, List<PersonalDataEraser> erasers) {
        return new ErasureOnBatchArrival(erasedCustomers, erasers);
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
