package io.npsloop.followup.cases;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the events waiting in a case's outbox, in order, removing each once the broker has
 * it. Called right after each change (for latency) and by a periodic sweep (for whatever a crash
 * or a broker outage left behind). A crash between publishing and removing publishes the event
 * again with the same event id, so consumers deduplicate on it: at least once, never lost.
 */
public class OutboxRelay {

    private static final System.Logger log = System.getLogger(OutboxRelay.class.getName());

    private final CaseStore store;
    private final CaseEvents events;

    public OutboxRelay(CaseStore store, CaseEvents events) {
        this.store = store;
        this.events = events;
    }

    /** Publishes what is pending for the case; a failure is left to the sweep, the change stands. */
    public boolean relay(String caseId) {
        try {
            for (OutgoingEvent event : store.pending(caseId)) {
                events.publish(event);
                store.acknowledge(caseId, event.eventId());
            }
            return true;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Events of case " + caseId + " not published yet; the sweep retries", e);
            return false;
        }
    }

    /**
     * Publishes the pending events of many cases together (a consumed batch's), in the given order,
     * then removes them from their outboxes in one write. As for one case, a failure is left to the
     * sweep and the changes stand; events published before the failure go out again with the same
     * ids.
     */
    public boolean relayAll(Map<String, List<OutgoingEvent>> pendingByCase) {
        List<OutgoingEvent> all = new ArrayList<>();
        Map<String, List<String>> published = new LinkedHashMap<>();
        pendingByCase.forEach((caseId, events) -> {
            if (!events.isEmpty()) {
                all.addAll(events);
                published.put(caseId, events.stream().map(OutgoingEvent::eventId).toList());
            }
        });
        if (all.isEmpty()) {
            return true;
        }
        try {
            events.publishAll(all);
            store.acknowledgeAll(published);
            return true;
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Events of " + published.size() + " cases not published yet; the sweep retries", e);
            return false;
        }
    }

    /**
     * Publishes what has been pending for longer than {@code grace}; returns how many cases still
     * have events waiting. The grace keeps the sweep from racing the relay right after a change,
     * which would publish the same event twice.
     */
    public int sweep(Instant now, Duration grace) {
        int left = 0;
        for (String caseId : store.withPendingEvents(now.minus(grace))) {
            if (!relay(caseId)) {
                left++;
            }
        }
        return left;
    }
}
