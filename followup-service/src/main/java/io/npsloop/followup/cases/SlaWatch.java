package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import org.jspecify.annotations.Nullable;

/**
 * Escalates overdue cases one level: first to the team lead queue of the case's queue, then, for
 * critical cases only, to the executive queue. Each escalation gives the new queue a fresh SLA
 * ({@link CasePolicy#escalationSla()}) and clears the overdue mark. A case that cannot go higher is
 * marked overdue once. Every step is a guarded change with an audit entry and a published
 * {@code CaseStatusChanged} (reason {@value #ESCALATED} or {@value #OVERDUE}, also when the state
 * stays the same); a case changed meanwhile is left to the next run.
 *
 * <p>The SLA is the time by which the customer must be reached, so a contacted case has met it and
 * is not watched.
 */
public class SlaWatch {

    /** The reason of the status event of an escalation. */
    public static final String ESCALATED = "sla-escalated";
    /** The reason of the status event of a case marked overdue at the top of its escalation path. */
    public static final String OVERDUE = "sla-overdue";

    private final CaseStore store;
    private final CaseWork work;
    private final CasePolicy policy;
    private final CaseMetrics metrics;
    private final Clock clock;
    private final DoNotContactRegister doNotContact;

    public SlaWatch(CaseStore store, CaseWork work, CasePolicy policy, CaseMetrics metrics, Clock clock,
            DoNotContactRegister doNotContact) {
        this.doNotContact = doNotContact;
        this.store = store;
        this.work = work;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Returns how many cases it escalated or marked overdue. */
    public int run() {
        Instant now = clock.instant();
        int changed = 0;
        List<FollowupCase> overdue = store.overdue(now);
        // Nobody may reach a customer on the do-not-contact list, so their cases have no first-contact SLA to miss.
        Set<String> listed = overdue.isEmpty() ? Set.of()
                : doNotContact.listed(overdue.stream().map(FollowupCase::customerId).collect(Collectors.toSet()));
        for (FollowupCase current : overdue) {
            if (current.state() == CaseState.CONTACTED || listed.contains(current.customerId())) {
                continue;
            }
            String target = nextQueue(current);
            CaseChange change;
            if (target != null) {
                String reason = ESCALATED + ": " + current.queue() + " -> " + target;
                change = CaseWork.change(current, CaseAction.ESCALATE, CaseAction.ESCALATE.name(), Actor.SYSTEM, now,
                        reason,
                        c -> c.escalatedTo(target, now.plus(policy.escalationSla())),
                        announceIfStateStays(current, CaseAction.ESCALATE, now, reason));
            } else if (!current.overdue()) {
                change = CaseWork.change(current, null, "MARK_OVERDUE", Actor.SYSTEM, now, "SLA overdue; no higher queue",
                        FollowupCase::markedOverdue, announceIfStateStays(current, null, now, OVERDUE));
            } else {
                continue;
            }
            try {
                work.commit(change);
                if (target != null) {
                    metrics.escalated(target.equals(policy.executiveQueue()) ? "executive" : "lead");
                }
                changed++;
            } catch (CaseConflictException e) {
                // Someone acted on the case meanwhile; the next run looks again.
            }
        }
        return changed;
    }

    /**
     * A status event for a change that leaves the state as it is (an escalated case escalated
     * again, a case marked overdue): the transition table emits one only when the state changes,
     * but consumers must learn of the new queue or the breach.
     */
    private static List<BiFunction<FollowupCase, Long, OutgoingEvent>> announceIfStateStays(FollowupCase current,
            @Nullable CaseAction action, Instant now, String reason) {
        CaseState to = action == null ? current.state() : CaseTransitions.next(current.state(), action);
        List<BiFunction<FollowupCase, Long, OutgoingEvent>> events = new ArrayList<>();
        if (to == current.state()) {
            events.add((after, sequence) -> CaseEventFactory.statusChanged(current, after, sequence,
                    Actor.SYSTEM.username(), now, reason));
        }
        return events;
    }

    /** The queue one level up, or null at the top. */
    @Nullable String nextQueue(FollowupCase c) {
        if (c.queue().equals(policy.executiveQueue())) {
            return null;
        }
        if (c.escalationLevel() == 0) {
            return policy.leadQueueOf(c.queue());
        }
        return c.severity() == Severity.CRITICAL && c.escalationLevel() == 1 ? policy.executiveQueue() : null;
    }
}
