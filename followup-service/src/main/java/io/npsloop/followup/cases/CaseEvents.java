package io.npsloop.followup.cases;

/** Where case events go; returns only once the broker has the event. */
public interface CaseEvents {

    void publish(OutgoingEvent event);
}
