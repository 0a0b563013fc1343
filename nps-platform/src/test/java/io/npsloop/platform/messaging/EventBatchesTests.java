package io.npsloop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.npsloop.contracts.EventTypes;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch edge on a batch message as the binder hands it over, without a broker. */
class EventBatchesTests {

    private static final String BROKEN = "{\"eventType\":\"" + EventTypes.RESPONSE_SUBMITTED + "\",\"eventId\":\"e-1\",\"score\":42}";
    private static final String NOTE = "{\"eventId\":\"e-2\",\"customerId\":\"c-1\"}";

    @Test
    void aRecordBreakingItsSchemaStopsTheBatchThereAfterTheRecordsBeforeItAreHandled() {
        List<String> handled = new ArrayList<>();
        Consumer<Message<List<byte[]>>> consumer = edge(new EventContracts(), handled);

        assertThatThrownBy(() -> consumer.accept(batch(NOTE, BROKEN, NOTE)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(InvalidEventException.class).hasMessageContaining("/score");
                });
        assertThat(handled).containsExactly("e-2");
    }

    @Test
    void withTheContractCheckSwitchedOffTheSchemaIsNotHeldAgainstTheRecord() {
        List<String> handled = new ArrayList<>();
        Consumer<Message<List<byte[]>>> consumer = edge(null, handled);

        consumer.accept(batch(NOTE, BROKEN));

        assertThat(handled).containsExactly("e-2", "e-1");
    }

    @Test
    void aRecordThatIsNotJsonIsPoisonEvenWithoutTheContractCheck() {
        List<String> handled = new ArrayList<>();
        Consumer<Message<List<byte[]>>> consumer = edge(null, handled);

        assertThatThrownBy(() -> consumer.accept(batch("{not json", NOTE)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, e -> assertThat(e.getIndex()).isZero());
        assertThat(handled).isEmpty();
    }

    private static Consumer<Message<List<byte[]>>> edge(EventContracts contracts, List<String> handled) {
        EventBatches batches = new EventBatches(contracts, JsonMapper.builder().build(), new SimpleMeterRegistry(), List.of());
        return batches.consumer("notes", JsonNode.class,
                batch -> batch.forEach(record -> handled.add(record.event().path("eventId").asString())));
    }

    private static Message<List<byte[]>> batch(String... values) {
        List<byte[]> payloads = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            payloads.add(values[i].getBytes(StandardCharsets.UTF_8));
            topics.add("notes");
            partitions.add(0);
            offsets.add((long) i);
        }
        return MessageBuilder.withPayload(payloads)
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, topics)
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions)
                .setHeader(KafkaHeaders.OFFSET, offsets)
                .build();
    }
}
