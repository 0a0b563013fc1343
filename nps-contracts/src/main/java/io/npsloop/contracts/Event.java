package io.npsloop.contracts;

import java.time.Instant;

/**
 * What every event has: its id (consumers drop a copy by it), its stable type name (also the
 * CloudEvents {@code ce_type}), when it happened, and the record key it travels under (the customer
 * id on the customer-keyed topics, so one customer's events stay in order on one partition). A
 * publisher needs nothing beside the event and the binding it goes to.
 */
public interface Event {

    String eventId();

    String eventType();

    Instant occurredAt();

    /** The record key; not part of the JSON form. */
    String key();
}
