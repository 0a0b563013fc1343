package io.npsloop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.npsloop.contracts.CloudEventHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;

class EventMessagesTests {

    @Test
    void carriesTheCloudEventsBinaryModeHeadersAsRawUtf8AndTheCustomerAsKey() {
        Instant time = Instant.parse("2026-11-23T10:15:30Z");
        Message<String> message = EventMessages.cloudEvent("{}", "c-42", "e-1", "io.npsloop.response.scored",
                "/nps-loop/scoring-service", time);

        assertThat(text(message, KafkaHeaders.KEY)).isEqualTo("c-42");
        assertThat(text(message, CloudEventHeaders.ID)).isEqualTo("e-1");
        assertThat(text(message, CloudEventHeaders.TYPE)).isEqualTo("io.npsloop.response.scored");
        assertThat(text(message, CloudEventHeaders.SOURCE)).isEqualTo("/nps-loop/scoring-service");
        assertThat(text(message, CloudEventHeaders.TIME)).isEqualTo("2026-11-23T10:15:30Z");
        assertThat(text(message, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(text(message, CloudEventHeaders.SUBJECT)).isEqualTo("c-42");
    }

    @Test
    void customerIdsInAnyScriptSurviveAsUtf8() {
        Message<String> message = EventMessages.cloudEvent("{}", "客户-7", "e-2", "t", "/s", Instant.EPOCH);

        assertThat(text(message, KafkaHeaders.KEY)).isEqualTo("客户-7");
    }

    private static String text(Message<?> message, String header) {
        Object value = message.getHeaders().get(header);
        assertThat(value).as(header).isInstanceOf(byte[].class);
        return new String((byte[]) value, StandardCharsets.UTF_8);
    }
}
