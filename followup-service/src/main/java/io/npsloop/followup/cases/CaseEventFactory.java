package io.npsloop.followup.cases;

import java.time.Instant;

import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.EventIds;
import io.npsloop.contracts.EventTypes;
import org.jspecify.annotations.Nullable;

/**
 * Event ids derive from the case id and the event's sequence number, so recomputing an event after
 * a retry gives the same id, and consumers can deduplicate on it.
 */
final class CaseEventFactory {

    private CaseEventFactory() {
    }

    static String eventId(String caseId, long sequence) {
        return EventIds.derived("event", caseId, sequence);
    }

    static String derivedId(String kind, String id) {
        return EventIds.derived(kind, id);
    }

    static OutgoingEvent outgoing(FollowupCase c, String eventId, String eventType, Instant at, Record payload) {
        return new OutgoingEvent(eventId, eventType, c.customerId(), at, payload);
    }

    static OutgoingEvent statusChanged(FollowupCase before, FollowupCase after, long sequence, String actor,
            Instant at, @Nullable String reason) {
        String id = eventId(after.caseId(), sequence);
        return outgoing(after, id, EventTypes.CASE_STATUS_CHANGED, at, new CaseStatusChanged(id,
                EventTypes.CASE_STATUS_CHANGED, CaseStatusChanged.SCHEMA_VERSION, at, after.caseId(), after.alertId(),
                after.responseId(), after.customerId(), after.queue(), sequence, before.state().name(),
                after.state().name(), actor, reason, after.claimedBy()));
    }
}
