package io.npsloop.platform.messaging;

import java.time.Instant;

import io.npsloop.contracts.Event;
import org.springframework.cloud.stream.function.StreamBridge;

/**
 * Publishes an event to an output binding and returns only once the broker acknowledged it. The
 * bindings are configured with {@code sync: true} and the producer with {@code acks=all}, so a
 * failed send surfaces here as an exception instead of being lost in a callback: callers rely on
 * that to answer 2xx only for events that are on the topic, and to let a consumer record be
 * redelivered when its output could not be written.
 */
public class EventPublisher {

    private final StreamBridge streamBridge;
    private final String source;

    public EventPublisher(StreamBridge streamBridge, String applicationName) {
        this.streamBridge = streamBridge;
        this.source = sourceOf(applicationName);
    }

    /** The event under its own key, id, type and time. */
    public void publish(String binding, Event event) {
        publish(binding, event, event.key(), event.eventId(), event.eventType(), event.occurredAt());
    }

    /** A payload that is not an {@link Event} record (a tree, or a record of an earlier version). */
    public void publish(String binding, Object event, String key, String eventId, String eventType, Instant time) {
        boolean sent = streamBridge.send(binding,
                EventMessages.cloudEvent(event, key, eventId, eventType, source, time));
        if (!sent) {
            throw new EventNotPublishedException("The broker did not accept event " + eventId + " on " + binding);
        }
    }

    /** The CloudEvents {@code source} of a service's events. */
    public static String sourceOf(String applicationName) {
        return "/nps-loop/" + applicationName;
    }

    public String source() {
        return source;
    }
}
