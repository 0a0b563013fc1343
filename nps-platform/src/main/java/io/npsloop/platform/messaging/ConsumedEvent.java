package io.npsloop.platform.messaging;

/**
 * One record of a consumed batch, as its handler gets it: the event (already held to its schema,
 * and pseudonymised if its customer was erased) and where it was read from. Records of one
 * partition come in offset order; {@link #position()} is what offset guards and "applied at"
 * marks are made of.
 */
public record ConsumedEvent<T>(T event, String topic, int partition, long offset) {

    /** {@code partition:offset}, the record's place in its topic. */
    public String position() {
        return partition + ":" + offset;
    }
}
