package io.npsloop.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.npsloop.contracts.CloudEventHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Builds the Kafka messages every service publishes: the event's JSON as the value, the record key
 * (customer id, so one customer's events stay in order on one partition), and the CloudEvents
 * binary-mode headers. Header values are raw UTF-8 bytes, as the CloudEvents Kafka binding asks;
 * a String value would be JSON-quoted by the binder's header mapper.
 */
public final class EventMessages {

    private EventMessages() {
    }

    public static <T> Message<T> cloudEvent(T payload, String key, String eventId, String eventType,
            String source, Instant time) {
        return MessageBuilder.withPayload(payload)
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEventHeaders.ID, bytes(eventId))
                .setHeader(CloudEventHeaders.TYPE, bytes(eventType))
                .setHeader(CloudEventHeaders.SOURCE, bytes(source))
                .setHeader(CloudEventHeaders.TIME, bytes(time.toString()))
                .setHeader(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0))
                .setHeader(CloudEventHeaders.SUBJECT, bytes(key))
                .build();
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
