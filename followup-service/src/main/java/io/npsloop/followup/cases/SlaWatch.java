package io.npsloop.followup.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Escalates overdue active cases one level: first to the team lead queue of the case's queue, then,
 * for critical cases only, to the executive queue. Each escalation gives the new queue a fresh SLA
 * ({@link CasePolicy#escalationSla()}). A case that cannot go higher is marked overdue once. Every
 * step is a guarded change with an audit entry; a case changed meanwhile is left to the next run.
 */
public class SlaWatch {

    private final CaseStore store;
    private final CaseWork work;
    private final CasePolicy policy;
    private final Clock clock;

    public SlaWatch(CaseStore store, CaseWork work, CasePolicy policy, Clock clock) {
        this.store = store;
        this.work = work;
        this.policy = policy;
        this.clock = clock;
    }

    /** Returns how many cases it escalated or marked overdue. */
    public int run() {
        Instant now = clock.instant();
        int changed = 0;
        List<FollowupCase> overdue = store.overdue(now);
        for (FollowupCase current : overdue) {
            String target = nextQueue(current);
            CaseChange change;
            if (target != null) {
                change = CaseWork.change(current, CaseAction.ESCALATE, Actor.SYSTEM, now,
                        "SLA overdue: escalated from " + current.queue() + " to " + target,
                        b -> b.queue(target).escalationLevel(current.escalationLevel() + 1).overdue(true)
                                .claimedBy(null).claimExpiresAt(null).slaDueAt(now.plus(policy.escalationSla())),
                        List.of());
            } else if (!current.overdue()) {
                change = CaseWork.change(current, null, "MARK_OVERDUE", Actor.SYSTEM, now, "SLA overdue; no higher queue",
                        b -> b.overdue(true), List.of());
            } else {
                continue;
            }
            try {
                work.commit(change);
                changed++;
            } catch (CaseConflictException e) {
                // Someone acted on the case meanwhile; the next run looks again.
            }
        }
        return changed;
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
