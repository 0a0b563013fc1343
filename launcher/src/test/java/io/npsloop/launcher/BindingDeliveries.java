package io.npsloop.launcher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.channel.AbstractMessageChannel;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Counts how often each Kafka record reached a consumer binding's function. A batch-mode binding
 * gets a whole poll at once, and its function works through the records in order up to the first
 * that fails, which it names ({@link BatchListenerFailedException}); the records after it were
 * handed over but not reached, and come again in the next poll. So a record counts once per
 * delivery in which it was reached: all of a batch that went through, or the records up to and
 * including the one that failed. A retried record is reached again, so a count above one means it
 * was retried.
 */
final class BindingDeliveries {

    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    /** Starts counting the records sent to the input channel of {@code binding} (such as {@code raiseAlerts-in-0}). */
    void watch(ApplicationContext service, String binding) {
        AbstractMessageChannel channel = service.getBean(binding, AbstractMessageChannel.class);
        channel.addInterceptor(0, new ChannelInterceptor() {
            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel to, boolean sent, @Nullable Exception failure) {
                List<?> partitions = values(message, KafkaHeaders.RECEIVED_PARTITION);
                List<?> offsets = values(message, KafkaHeaders.OFFSET);
                int reached = partitions.size();
                BatchListenerFailedException failed = failedRecord(failure);
                if (failed != null && failed.getIndex() >= 0) {
                    reached = Math.min(reached, failed.getIndex() + 1);
                }
                for (int i = 0; i < reached; i++) {
                    deliveries.computeIfAbsent(id(binding, partitions.get(i), offsets.get(i)), id -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
    }

    /** How often the record at {@code partition} and {@code offset} of the binding's topic reached the binding. */
    int of(String binding, int partition, long offset) {
        AtomicInteger count = deliveries.get(id(binding, partition, offset));
        return count == null ? 0 : count.get();
    }

    /** A header of every record of a batch, or of the one record of a record-mode delivery. */
    private static List<?> values(Message<?> message, String header) {
        Object value = message.getHeaders().get(header);
        return value instanceof List<?> list ? list : List.of(value);
    }

    private static @Nullable BatchListenerFailedException failedRecord(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BatchListenerFailedException failed) {
                return failed;
            }
        }
        return null;
    }

    private static String id(String binding, Object partition, Object offset) {
        return binding + "/" + partition + "@" + offset;
    }
}
