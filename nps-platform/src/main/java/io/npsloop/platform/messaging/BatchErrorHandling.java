package io.npsloop.platform.messaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of the batch-mode bindings, in the listener container (the binder
 * itself would dead-letter a whole poll for one bad record). {@link EventBatches} names the one
 * record that failed; this error handler commits the records before it, retries it with the
 * binding's back-off unless its failure is listed as not retryable ({@code retryable-exceptions},
 * as for the record-mode bindings), then sends it alone to {@code <topic>.dlq}
 * ({@link DeadLetterRouting}, which counts it) with the binder's dead-letter headers
 * ({@code x-exception-message}, {@code x-original-topic}, ...), and polls the rest again.
 * Record-mode bindings (the erasures) keep the binder's own retries and dead letters.
 */
public class BatchErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer {

    private final EventSender sender;
    private final DeadLetterRouting routing;

    public BatchErrorHandling(EventSender sender, DeadLetterRouting routing) {
        this.sender = sender;
        this.routing = routing;
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, @Nullable BackOff backOff) {
        // Only the variant with the binding's properties is called by the binder.
    }

    @Override
    public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, @Nullable BackOff backOff,
            ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (!properties.isBatchMode()) {
            return;
        }
        BackOff retries = backOff == null ? new FixedBackOff(0L, 0L) : backOff;
        DefaultErrorHandler handler;
        if (properties.getExtension().isEnableDlq()) {
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(sender.template(),
                    (record, exception) -> new TopicPartition(routing.apply(record, exception), record.partition()));
            recoverer.setHeaderNamesSupplier(BatchErrorHandling::binderHeaderNames);
            recoverer.setExceptionHeadersCreator(BatchErrorHandling::exceptionHeaders);
            recoverer.setFailIfSendResultIsError(true);
            handler = new DefaultErrorHandler(recoverer, retries);
        } else {
            // Without a dead-letter topic a record whose retries are spent is logged and skipped, as the binder does.
            handler = new DefaultErrorHandler(retries);
        }
        handler.addNotRetryableExceptions(InvalidEventException.class);
        properties.getRetryableExceptions().forEach((type, retryable) -> {
            if (Exception.class.isAssignableFrom(type)) {
                if (retryable) {
                    handler.addRetryableExceptions(type.asSubclass(Exception.class));
                } else {
                    handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
                }
            }
        });
        container.setCommonErrorHandler(handler);
    }

    /**
     * The reason as the binder's dead letters give it: the class and message of the failure itself
     * (what the function threw, such as the broken fields of an {@link InvalidEventException}), not
     * of the container's wrappers around it.
     */
    static void exceptionHeaders(Headers headers, Exception exception, boolean isKey, DeadLetterPublishingRecoverer.HeaderNames names) {
        Throwable reason = DeadLetterRouting.rootCause(exception);
        headers.remove(names.getExceptionInfo().getExceptionFqcn());
        headers.remove(names.getExceptionInfo().getExceptionMessage());
        headers.remove(names.getExceptionInfo().getExceptionStacktrace());
        headers.add(names.getExceptionInfo().getExceptionFqcn(), reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add(names.getExceptionInfo().getExceptionMessage(), String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        StringWriter trace = new StringWriter();
        reason.printStackTrace(new PrintWriter(trace));
        headers.add(names.getExceptionInfo().getExceptionStacktrace(), trace.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The header names the binder's own dead letters carry (nps-contracts README), so every dead letter reads alike. */
    static DeadLetterPublishingRecoverer.HeaderNames binderHeaderNames() {
        return DeadLetterPublishingRecoverer.HeaderNames.Builder.original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage("x-exception-message")
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace("x-exception-stacktrace")
                .build();
    }
}
