package io.npsloop.contracts;

import java.time.Instant;

/**
 * An administrator asked to erase a customer's personal data, on {@link Topics#ERASURES}, keyed by
 * erasure id; produced by survey-ingest, consumed by every service. Each service removes or
 * anonymises the customer's contact data and comments, replaces the customer id with
 * {@link #replacementCustomerId()}, leaves every aggregate figure as it is, and answers with a
 * {@link CustomerErased} receipt.
 */
public record CustomerErasureRequested(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String erasureId,
        String customerId,
        String requestedBy) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** What the customer id becomes everywhere: the same in every service, and unrelated to the old one. */
    public String replacementCustomerId() {
        return "erased-" + erasureId;
    }

    /** The erasure id: a request and every receipt for it share a partition. */
    @Override
    public String key() {
        return erasureId;
    }
}
