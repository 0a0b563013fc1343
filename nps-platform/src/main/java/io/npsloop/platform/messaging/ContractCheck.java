package io.npsloop.platform.messaging;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.integration.support.context.NamedComponent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds every record a service consumes to the schema of its {@code eventType} before the
 * service's function sees it (registered on every input binding channel, {@code *-in-0}; a
 * batch-mode binding's message holds a list and passes through, its records are checked one by
 * one in {@link EventBatches}). A record
 * that breaks it fails with an {@link InvalidEventException}, which is not retried: it goes to the
 * dead-letter topic naming each broken field, instead of being half-processed or processed with an
 * impossible value (a score of 42 with a plausible category). A record that is not JSON, or whose
 * type has no schema, is left to the function, which fails or ignores it as before. Counted in
 * {@code nps.events.invalid{binding}}. Switch off with {@code nps.messaging.contract-check=false}.
 */
public class ContractCheck implements ChannelInterceptor {

    static final String METER = "nps.events.invalid";

    private final EventContracts contracts;
    private final JsonMapper mapper;
    private final MeterRegistry registry;

    public ContractCheck(EventContracts contracts, JsonMapper mapper, MeterRegistry registry) {
        this.contracts = contracts;
        this.mapper = mapper;
        this.registry = registry;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (!(message.getPayload() instanceof byte[] payload)) {
            return message;
        }
        JsonNode event;
        try {
            event = mapper.readTree(payload);
        } catch (JacksonException e) {
            // Not JSON: the function's conversion refuses it with its own reason.
            return message;
        }
        if (event == null || !event.isObject()) {
            return message;
        }
        List<String> violations = contracts.violations(event);
        if (!violations.isEmpty()) {
            Counter.builder(METER)
                    .description("Consumed records that broke their event type's schema")
                    .tag("binding", channel instanceof NamedComponent named ? named.getComponentName() : String.valueOf(channel))
                    .register(registry)
                    .increment();
            throw new InvalidEventException(event.path("eventType").asString(), violations);
        }
        return message;
    }
}
