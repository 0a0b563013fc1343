package io.npsloop.launcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContext;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Counts how often each Kafka record is handed to a consumer binding's function. The binder's
 * retries send the same record through the binding's input channel once per attempt, so a count
 * above one means the record was retried.
 */
final class BindingDeliveries {

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    /** Starts counting the records sent to the input channel of {@code binding} (such as {@code raiseAlerts-in-0}). */
    void watch(ApplicationContext service, String binding) {
        AbstractMessageChannel channel = service.getBean(binding, AbstractMessageChannel.class);
        // First in line: a record the platform's ContractCheck refuses has still been delivered.
        channel.addInterceptor(0, new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel to) {
                Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
                Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
                deliveries.computeIfAbsent(id(binding, partition, offset), id -> new AtomicInteger()).incrementAndGet();
                return message;
            }
        });
    }

    /** How often the record at {@code partition} and {@code offset} of the binding's topic reached the binding. */
    int of(String binding, int partition, long offset) {
        AtomicInteger count = deliveries.get(id(binding, partition, offset));
        return count == null ? 0 : count.get();
    }

    private static String id(String binding, Object partition, Object offset) {
        return binding + "/" + partition + "@" + offset;
    }
}
