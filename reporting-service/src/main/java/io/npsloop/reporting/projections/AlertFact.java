package io.npsloop.reporting.projections;

import java.time.Instant;
import java.util.Map;

/** One raised alert: the team (queue) that owns it and the segments of the response it is about. */
public record AlertFact(String alertId, String responseId, String queue, Instant occurredAt, Map<String, String> segments) {
}
