package io.npsloop.followup.cases;

import java.time.Instant;

/** An event waiting in a case's outbox: stored with the change that caused it, published after. */
public record OutgoingEvent(String eventId, String eventType, String key, Instant occurredAt, Record payload) {
}
