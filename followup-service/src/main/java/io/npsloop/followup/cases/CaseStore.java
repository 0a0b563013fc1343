package io.npsloop.followup.cases;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.CaseState;
import org.jspecify.annotations.Nullable;

/**
 * The cases, each a single document holding its state, audit trail and outbox. There are no
 * transactions: every change is one write guarded by the case's version.
 */
public interface CaseStore {

    /**
     * Stores the new cases, each with its first events, that do not exist yet: the customers' index
     * first (so that a case is never stored without it), then the cases in one unordered bulk insert
     * in which a case that exists already is skipped, not an error. Returns the ids of the cases
     * stored by this call.
     */
    Set<String> insertAll(List<NewCase> cases);

    /** Applies the change if the case is still at the version it was read at; false if it moved on. */
    boolean apply(CaseChange change);

    /**
     * Applies the changes together (one bulk write), each guarded by the version its case was read
     * at, at most one change per case; returns the ids of the cases changed, without those that
     * moved on meanwhile (a case that got this very change from someone else, such as a second
     * consumer of the same record, counts as changed).
     */
    Set<String> applyAll(List<CaseChange> changes);

    @Nullable FollowupCase find(String caseId);

    /** The cases among these ids that exist, with the events waiting in their outboxes, by case id: one read. */
    Map<String, Stored> findAll(Collection<String> caseIds);

    /** Cases of a queue (any when null) in a state (any when null), unordered. */
    List<FollowupCase> list(@Nullable String queue, @Nullable CaseState state);

    /** Active cases whose SLA due time has passed. */
    List<FollowupCase> overdue(Instant now);

    /** The cases opened for a customer, oldest first. */
    List<FollowupCase> ofCustomer(String customerId);

    /**
     * The cases opened for each of these customers, oldest first, with their pending events:
     * one read of the customers' index and one of their cases. Customers without cases are absent.
     */
    Map<String, List<Stored>> ofCustomers(Collection<String> customerIds);

    /** Cases coded "other" whose text is set. */
    List<FollowupCase> codedOther();

    /** The number of active cases per queue (queues without active cases are absent). */
    Map<String, Long> activeCountsByQueue();

    List<OutgoingEvent> pending(String caseId);

    void acknowledge(String caseId, String eventId);

    /** Removes published events from their cases' outboxes, event ids by case id, in one bulk write. */
    void acknowledgeAll(Map<String, List<String>> eventIdsByCase);

    /** Cases whose oldest pending event is older than {@code before}. */
    List<String> withPendingEvents(Instant before);

    /** A case to store with the events of its opening. */
    record NewCase(FollowupCase followupCase, List<OutgoingEvent> events) {

        public NewCase {
            events = List.copyOf(events);
        }
    }

    /** A stored case as a batch reads it: the case and the events still waiting in its outbox, oldest first. */
    record Stored(FollowupCase current, List<OutgoingEvent> pending) {

        public Stored {
            pending = List.copyOf(pending);
        }
    }
}
