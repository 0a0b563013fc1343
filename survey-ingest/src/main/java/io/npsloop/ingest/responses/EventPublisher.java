package io.npsloop.ingest.responses;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Puts an accepted submission's event on its topic; returns only once the broker has it. */
public interface EventPublisher<E> {

    void publish(E event);

    /**
     * Publishes every event and returns once each one is acknowledged or has failed: per event, in
     * order, null when the broker has it, else why not. One customer's events keep their order. This
     * default publishes one by one and, once one failed, does not try the rest.
     */
    default List<@Nullable RuntimeException> publishAll(List<E> events) {
        List<@Nullable RuntimeException> failures = new ArrayList<>(events.size());
        RuntimeException failure = null;
        for (E event : events) {
            if (failure == null) {
                try {
                    publish(event);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            failures.add(failure);
        }
        return failures;
    }
}
