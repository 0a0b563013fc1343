package io.npsloop.platform.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.MessagingException;
import tools.jackson.core.exc.StreamReadException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRoutingTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeadLetterRouting routing = new DeadLetterRouting(registry);

    @Test
    void aRecordGoesToTheDeadLetterTopicOfItsTopicAndIsCountedByItsRootCause() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("nps.scored.v1", 3, 42L, "c-1", "{not json");
        Exception failure = new MessagingException("listener failed", new IllegalStateException("conversion", new ArithmeticException()));

        assertThat(routing.apply(record, failure)).isEqualTo("nps.scored.v1.dlq");
        assertThat(routing.apply(record, failure)).isEqualTo("nps.scored.v1.dlq");

        assertThat(registry.get("nps.deadletters").tag("topic", "nps.scored.v1").tag("reason", "ArithmeticException").counter().count())
                .isEqualTo(2.0);
    }

    @Test
    void differentReasonsAreCountedApart() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("nps.alerts.v1", 0, 1L, "c-1", "x");

        routing.apply(record, new IllegalArgumentException("bad"));
        routing.apply(record, new RuntimeException(new StreamReadException(null, "bad json")));

        assertThat(registry.find("nps.deadletters").counters()).hasSize(2);
    }
}
