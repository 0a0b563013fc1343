package io.npsloop.followup.cases;

import java.util.List;

/**
 * One change of a case, applied as a single guarded write: the new case, the audit entry and the
 * events to publish, stored together only if the case is still at {@code before.version()}.
 */
public record CaseChange(FollowupCase before, FollowupCase after, AuditEntry audit, List<OutgoingEvent> events) {

    public CaseChange {
        events = List.copyOf(events);
    }
}
