package io.npsloop.platform.messaging;

import java.time.Instant;

import io.npsloop.contracts.Event;

/**
 * One event to publish: the output binding whose destination it goes to, the record key (the
 * customer id, so one customer's events stay in order on one partition), the payload written as
 * JSON, and the CloudEvents attributes.
 */
public record OutgoingEvent(String binding, String key, Object payload, String eventId, String eventType, Instant time) {

    /** The event to the binding, under its own key, id, type and time. */
    public static OutgoingEvent of(String binding, Event event) {
        return new OutgoingEvent(binding, event.key(), event, event.eventId(), event.eventType(), event.occurredAt());
    }
}
