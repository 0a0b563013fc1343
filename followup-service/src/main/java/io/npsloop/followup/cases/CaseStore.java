package io.npsloop.followup.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The cases, each a single document holding its state, audit trail and outbox. There are no
 * transactions: every change is one write guarded by the case's version.
 */
public interface CaseStore {

    /**
     * Stores a new case with its first events unless the case exists; returns the given instance
     * itself if it stored it, else the case stored before.
     */
    FollowupCase insertIfAbsent(FollowupCase followupCase, List<OutgoingEvent> events);

    /** Applies the change if the case is still at the version it was read at; false if it moved on. */
    boolean apply(CaseChange change);

    @Nullable FollowupCase find(String caseId);

    /** Cases of a queue (any when null) in a state (any when null), unordered. */
    List<FollowupCase> list(@Nullable String queue, @Nullable CaseState state);

    /** Active cases whose SLA due time has passed. */
    List<FollowupCase> overdue(Instant now);

    /** The cases opened for a customer, oldest first. */
    List<FollowupCase> ofCustomer(String customerId);

    /** Cases coded "other" whose text is set. */
    List<FollowupCase> codedOther();

    /** The number of active cases per queue (queues without active cases are absent). */
    Map<String, Long> activeCountsByQueue();

    List<OutgoingEvent> pending(String caseId);

    void acknowledge(String caseId, String eventId);

    /** Cases whose oldest pending event is older than {@code before}. */
    List<String> withPendingEvents(Instant before);
}
