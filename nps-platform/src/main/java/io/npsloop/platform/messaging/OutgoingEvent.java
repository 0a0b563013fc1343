package io.npsloop.platform.messaging;

import java.time.Instant;

/**
 * One event to publish: the output binding whose destination it goes to, the record key (the
 * customer id, so one customer's events stay in order on one partition), the payload written as
 * JSON, and the CloudEvents attributes.
 */
public record OutgoingEvent(String binding, String key, Object payload, String eventId, String eventType, Instant time) {
}
