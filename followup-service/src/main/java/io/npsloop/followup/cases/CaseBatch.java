package io.npsloop.followup.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The work of one consumed batch on the cases it touches: decided record by record, in order,
 * against the cases as the batch has left them so far (so a customer's second answer in a batch
 * sees what the first one recorded), then written together: the new cases in one bulk insert, the
 * changes in one bulk write guarded by the versions they were read at, and all their events
 * relayed from the outboxes in one send. The events are stored with the cases they belong to, so a
 * crash after the writes loses nothing (the sweep publishes them), and a redelivered batch finds
 * its cases opened and its answers recorded, whatever records it starts or ends with.
 */
final class CaseBatch {

    private final CaseStore store;
    private final OutboxRelay relay;
    private final CaseMetrics metrics;
    private final Map<String, CaseStore.Stored> read;
    private final Map<String, FollowupCase> current = new HashMap<>();
    private final Map<String, List<String>> byCustomer = new HashMap<>();
    private final Map<String, CaseStore.NewCase> inserts = new LinkedHashMap<>();
    private final Map<String, CaseChange> changes = new LinkedHashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();

    private CaseBatch(CaseStore store, OutboxRelay relay, CaseMetrics metrics, Map<String, CaseStore.Stored> read) {
        this.store = store;
        this.relay = relay;
        this.metrics = metrics;
        this.read = read;
        read.forEach((caseId, stored) -> {
            current.put(caseId, stored.current());
            byCustomer.computeIfAbsent(stored.current().customerId(), c -> new ArrayList<>()).add(caseId);
        });
    }

    /** A batch on the cases read by id. */
    static CaseBatch on(CaseStore store, OutboxRelay relay, CaseMetrics metrics, Map<String, CaseStore.Stored> read) {
        return new CaseBatch(store, relay, metrics, read);
    }

    /** A batch on the customers' cases as read, each customer's oldest first. */
    static CaseBatch onCustomers(CaseStore store, OutboxRelay relay, CaseMetrics metrics, Map<String, List<CaseStore.Stored>> read) {
        Map<String, CaseStore.Stored> byId = new LinkedHashMap<>();
        read.values().forEach(cases -> cases.forEach(stored -> byId.put(stored.current().caseId(), stored)));
        return new CaseBatch(store, relay, metrics, byId);
    }

    /** The case as the batch has it so far; null if it neither exists nor was opened in this batch. */
    @Nullable FollowupCase current(String caseId) {
        return current.get(caseId);
    }

    /** The customer's cases as the batch has them so far, oldest first, those opened in this batch last. */
    List<FollowupCase> casesOf(String customerId) {
        return byCustomer.getOrDefault(customerId, List.of()).stream().map(current::get).toList();
    }

    /**
     * Opens the case unless it exists (stored, or opened earlier in this batch); a case that exists
     * keeps its first events, and what is still pending of them is relayed again.
     */
    void open(CaseStore.NewCase opened) {
        FollowupCase candidate = opened.followupCase();
        touched.add(candidate.caseId());
        if (current.containsKey(candidate.caseId())) {
            return;
        }
        inserts.put(candidate.caseId(), opened);
        current.put(candidate.caseId(), candidate);
        byCustomer.computeIfAbsent(candidate.customerId(), c -> new ArrayList<>()).add(candidate.caseId());
    }

    /** Records a change of a stored case, made from the case as this batch has it; one change per case and batch. */
    void change(CaseChange change) {
        String caseId = change.before().caseId();
        if (current.get(caseId) != change.before()) {
            throw new IllegalStateException("A change of case " + caseId + " not made from the case as the batch has it");
        }
        if (inserts.containsKey(caseId) || changes.containsKey(caseId)) {
            // Each change is one write guarded by the version read; a second one would need the first's.
            throw new IllegalStateException("Case " + caseId + " would change twice in one batch");
        }
        changes.put(caseId, change);
        current.put(caseId, change.after());
        touched.add(caseId);
    }

    /**
     * Writes the batch, counts what it stored, relays the events and returns the touched cases as
     * stored. A change whose case moved on meanwhile (an agent's action between the read and the
     * write) is not applied and fails the batch once everything else is written and relayed: the
     * failure is retryable, and handled again the batch finds what was stored and re-reads the rest.
     */
    Map<String, FollowupCase> commit() {
        Set<String> inserted = inserts.isEmpty() ? Set.of() : store.insertAll(List.copyOf(inserts.values()));
        List<String> collided = inserts.keySet().stream().filter(id -> !inserted.contains(id)).toList();
        Map<String, CaseStore.Stored> found = new HashMap<>(read);
        if (!collided.isEmpty()) {
            // Opened meanwhile by another consumer: read what it stored.
            found.putAll(store.findAll(collided));
        }
        Set<String> applied = changes.isEmpty() ? Set.of() : store.applyAll(List.copyOf(changes.values()));

        Map<String, List<OutgoingEvent>> pending = new LinkedHashMap<>();
        Map<String, FollowupCase> result = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        for (String caseId : touched) {
            CaseStore.NewCase opened = inserts.get(caseId);
            CaseChange change = changes.get(caseId);
            CaseStore.Stored stored = found.get(caseId);
            if (opened != null && inserted.contains(caseId)) {
                metrics.opened(opened.followupCase().kind(), opened.followupCase().queue());
                pending.put(caseId, opened.events());
                result.put(caseId, opened.followupCase());
            } else if (change != null && applied.contains(caseId)) {
                metrics.transition(change.audit().what());
                List<OutgoingEvent> events = new ArrayList<>(stored == null ? List.of() : stored.pending());
                events.addAll(change.events());
                pending.put(caseId, events);
                result.put(caseId, change.after());
            } else if (change != null) {
                missed.add(caseId);
            } else if (stored != null) {
                pending.put(caseId, stored.pending());
                result.put(caseId, stored.current());
            } else {
                throw new IllegalStateException("Case " + caseId + " collided but cannot be read");
            }
        }
        relay.relayAll(pending);
        if (!missed.isEmpty()) {
            // Not an IllegalArgumentException: retried, never taken for poison.
            throw new IllegalStateException("Cases changed meanwhile, not updated: " + missed);
        }
        return result;
    }
}
