package io.npsloop.followup.cases;

import java.util.List;

/** Where case events go; returns only once the broker has the event. */
public interface CaseEvents {

    void publish(OutgoingEvent event);

    /**
     * Publishes the events in order and returns once the broker has all of them; throws if any is
     * missing. One at a time unless the adapter hands them over together.
     */
    default void publishAll(List<OutgoingEvent> events) {
        events.forEach(this::publish);
    }
}
