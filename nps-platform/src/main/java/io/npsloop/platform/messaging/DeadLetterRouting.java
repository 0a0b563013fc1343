package io.npsloop.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.utils.DlqDestinationResolver;

/**
 * Where a record goes once its retries are spent: {@code <topic>.dlq}, the one dead-letter topic
 * of its topic, whichever consumer group gave up on it (replaying it is safe for every group,
 * since all consumers are idempotent). Each dead letter is counted in
 * {@code nps.deadletters{topic, reason}} and logged by position and reason, never by content,
 * which may hold personal data.
 */
public class DeadLetterRouting implements DlqDestinationResolver {

    static final String METER = "nps.deadletters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRouting.class);

    private final MeterRegistry registry;

    public DeadLetterRouting(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String apply(ConsumerRecord<?, ?> record, Exception exception) {
        String reason = rootCause(exception).getClass().getSimpleName();
        Counter.builder(METER)
                .description("Records sent to a dead-letter topic after their retries were spent")
                .tag("topic", record.topic())
                .tag("reason", reason)
                .register(registry)
                .increment();
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        return Topics.deadLetter(record.topic());
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
