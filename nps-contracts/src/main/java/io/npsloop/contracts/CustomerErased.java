package io.npsloop.contracts;

import java.time.Instant;
import java.util.Map;

/**
 * One service's receipt for a {@link CustomerErasureRequested}, on {@link Topics#ERASURES}, keyed by
 * erasure id: which of its stores it changed and how many records in each. survey-ingest collects
 * the receipts into the erasure's audit record.
 */
public record CustomerErased(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String erasureId,
        String service,
        Map<String, Long> erased) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The erasure id: a request and every receipt for it share a partition. */
    @Override
    public String key() {
        return erasureId;
    }
}
