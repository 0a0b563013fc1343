package io.npsloop.platform.messaging;

import java.util.List;

/**
 * What a service does with a batch of consumed records ({@link EventBatches}).
 * <ul>
 * <li>{@link #check} runs on every record before anything of the batch is handled: a record it
 *     refuses (an {@link IllegalArgumentException}) is poison and goes alone to the dead-letter topic,
 *     while the records before it are handled and those after it come again in the next batch.</li>
 * <li>{@link #handle} does the batch's work (a read of what the batch needs, one bulk write, the
 *     sends awaited together) and returns only once it is all done: the offsets are committed after
 *     it. It must be idempotent per record, as a redelivered batch may start or end elsewhere than
 *     the first delivery did (after a crash or a rebalance). If it fails, the records are handled
 *     again one at a time, so that a failure is pinned on the one record that causes it.</li>
 * </ul>
 */
public interface BatchHandler<T> {

    /** Refuses a record the service cannot handle, before anything is written; does nothing by default. */
    default void check(T event) {
    }

    void handle(List<ConsumedEvent<T>> batch);
}
