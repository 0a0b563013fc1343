package io.npsloop.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.ResponseSubmitted;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Consumed records are held to their type's published schema; what has no schema is left to the consumer. */
class ContractCheckTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT = Instant.parse("2026-11-20T09:30:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ContractCheck check = new ContractCheck(new EventContracts(), JSON, registry);
    private final DirectChannel channel = channel("scoreResponse-in-0");

    private final ObjectNode submitted = JSON.valueToTree(new ResponseSubmitted("e-1", EventTypes.RESPONSE_SUBMITTED,
            ResponseSubmitted.SCHEMA_VERSION, AT, AT, "crm", "r-1", 1, "s-1", "c-1", null, null, 9, "great service", "email", null,
            Map.of("region", "EMEA"), null));

    @Test
    void aConformingEventPassesUnchanged() {
        Message<byte[]> message = message(submitted.toString());

        assertThat(check.preSend(message, channel)).isSameAs(message);
        assertThat(registry.find(ContractCheck.METER).counter()).isNull();
    }

    @Test
    void anEventBreakingItsSchemaIsRefusedNamingEveryBrokenFieldButNoValue() {
        ObjectNode broken = submitted.deepCopy();
        broken.put("score", 42);
        broken.remove("customerId");
        broken.put("occurredAt", "yesterday-ish");

        assertThatThrownBy(() -> check.preSend(message(broken.toString()), channel))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e).isInstanceOf(IllegalArgumentException.class);
                    assertThat(e.violations()).anySatisfy(line -> assertThat(line).startsWith("/score: ").contains("10"))
                            .anySatisfy(line -> assertThat(line).contains("customerId"))
                            .anySatisfy(line -> assertThat(line).startsWith("/occurredAt: "));
                    assertThat(e.getMessage()).startsWith(EventTypes.RESPONSE_SUBMITTED + " breaks its schema: ")
                            .doesNotContain("42").doesNotContain("yesterday-ish");
                });
        assertThat(registry.get(ContractCheck.METER).tag("binding", "scoreResponse-in-0").counter().count()).isEqualTo(1);
    }

    @Test
    void aPlausibleLookingValueTheConsumerWouldNotCatchIsRefused() {
        ObjectNode wrongType = submitted.deepCopy();
        wrongType.put("revision", 0);

        assertThatThrownBy(() -> check.preSend(message(wrongType.toString()), channel))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("/revision");
    }

    @Test
    void whatHasNoSchemaIsLeftToTheConsumer() {
        ObjectNode unknownType = submitted.deepCopy();
        unknownType.put("eventType", "io.npsloop.something.new");
        ObjectNode noType = submitted.deepCopy();
        noType.remove("eventType");

        for (String payload : new String[] {unknownType.toString(), noType.toString(), "{not json", "[1,2]", "42"}) {
            Message<byte[]> message = message(payload);
            assertThat(check.preSend(message, channel)).as(payload).isSameAs(message);
        }
        Message<String> notBytes = MessageBuilder.withPayload("already converted").build();
        assertThat(check.preSend(notBytes, channel)).isSameAs(notBytes);
    }

    @Test
    void anUnknownFieldFromANewerProducerIsAccepted() {
        ObjectNode newer = submitted.deepCopy();
        newer.put("sentiment", "positive");

        Message<byte[]> message = message(newer.toString());
        assertThat(check.preSend(message, channel)).isSameAs(message);
    }

    private static Message<byte[]> message(String json) {
        return MessageBuilder.withPayload(json.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static DirectChannel channel(String name) {
        DirectChannel channel = new DirectChannel();
        channel.setBeanName(name);
        return channel;
    }
}
