package io.npsloop.followup.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;
import org.jspecify.annotations.Nullable;

/**
 * A follow-up case: who to contact about which answer, how urgently, where it stands, who holds it,
 * what was tried and coded, and how the customer answered next. {@code version} counts the stored
 * changes (every change is guarded by it); {@code sequence} numbers the events published about the
 * case; {@code alertId} is, for an advocacy task, the id of the scored event that created it;
 * {@code matchedRules} are the alert rules that raised it (none for an advocacy task).
 */
public record FollowupCase(
        String caseId,
        CaseKind kind,
        String alertId,
        String responseId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        @Nullable String comment,
        Severity severity,
        List<String> matchedRules,
        String queue,
        int priority,
        CaseState state,
        Instant openedAt,
        Instant answeredAt,
        Instant slaDueAt,
        @Nullable Money accountValue,
        long version,
        long sequence,
        @Nullable String claimedBy,
        @Nullable Instant claimExpiresAt,
        List<ContactAttempt> attempts,
        @Nullable Instant callbackAt,
        int escalationLevel,
        boolean overdue,
        List<String> rootCauses,
        @Nullable String otherRootCause,
        @Nullable IncentiveRecord incentive,
        @Nullable FollowupAnswer answer,
        @Nullable String task,
        List<AuditEntry> audit) {

    public FollowupCase {
        attempts = List.copyOf(attempts);
        rootCauses = List.copyOf(rootCauses);
        matchedRules = List.copyOf(matchedRules);
        audit = List.copyOf(audit);
    }

    /** Whether an agent holds the case at {@code now}: claimed and not expired. */
    public boolean heldAt(Instant now) {
        return claimedBy != null && claimExpiresAt != null && claimExpiresAt.isAfter(now);
    }

    /**
     * When the holder got the case: the last claim or assignment in the audit trail (every change
     * that drops the claim clears {@code claimedBy}, so that entry is the holder's). Null when unclaimed.
     */
    public @Nullable Instant claimSince() {
        if (claimedBy == null) {
            return null;
        }
        for (int i = audit.size() - 1; i >= 0; i--) {
            AuditEntry entry = audit.get(i);
            if (entry.what().equals(CaseAction.CLAIM.name()) || entry.what().equals(CaseAction.ASSIGN.name())) {
                return entry.when();
            }
        }
        return null;
    }

    /**
     * A new case: what the alert (or, for an advocacy task, the promoter's answer) says about the
     * customer and the answer, OPEN, unclaimed and untouched. {@code sequence} counts the events
     * already numbered: an advocacy task's creation is its first.
     */
    public static FollowupCase opened(String caseId, CaseKind kind, String alertId, String responseId, String customerId,
            @Nullable String accountId, @Nullable Contact contact, int score, @Nullable String comment, Severity severity,
            List<String> matchedRules, String queue, int priority, Instant openedAt, Instant answeredAt, Instant slaDueAt,
            @Nullable Money accountValue, long sequence, @Nullable String task) {
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, CaseState.OPEN, openedAt, answeredAt, slaDueAt, accountValue,
                0, sequence, null, null, List.of(), null, 0, false, List.of(), null, null, null, task, List.of());
    }

    // A copy with some fields changed: the only way cases change in memory. Each method changes what
    // one kind of step changes; CaseWork.change adds the state, version, sequence and audit entry.

    /** Held by {@code holder} until {@code expiresAt}; both null to drop the claim. */
    public FollowupCase withClaim(@Nullable String holder, @Nullable Instant expiresAt) {
        return routed(queue, slaDueAt, holder, expiresAt, callbackAt, escalationLevel, overdue);
    }

    public FollowupCase withoutClaim() {
        return withClaim(null, null);
    }

    /** In another queue, unclaimed. */
    public FollowupCase movedTo(String newQueue) {
        return routed(newQueue, slaDueAt, null, null, callbackAt, escalationLevel, overdue);
    }

    /** Escalated one level into {@code newQueue}, unclaimed, with a new SLA: no longer overdue. */
    public FollowupCase escalatedTo(String newQueue, Instant newSlaDueAt) {
        return routed(newQueue, newSlaDueAt, null, null, callbackAt, escalationLevel + 1, false);
    }

    public FollowupCase markedOverdue() {
        return routed(queue, slaDueAt, claimedBy, claimExpiresAt, callbackAt, escalationLevel, true);
    }

    public FollowupCase withoutCallback() {
        return routed(queue, slaDueAt, claimedBy, claimExpiresAt, null, escalationLevel, overdue);
    }

    /** A copy with the fields that say where the case is, who holds it and by when it is due changed. */
    private FollowupCase routed(String newQueue, Instant newSlaDueAt, @Nullable String holder,
            @Nullable Instant holdUntil, @Nullable Instant callback, int level, boolean late) {
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, newQueue, priority, state, openedAt, answeredAt, newSlaDueAt, accountValue,
                version, sequence, holder, holdUntil, attempts, callback, level, late, rootCauses, otherRootCause,
                incentive, answer, task, audit);
    }

    /**
     * With one more contact attempt, the holder's claim renewed until {@code claimExpiresAt}: the
     * call-back time is the attempt's when the customer asked for one (else none), and reaching
     * the customer meets the SLA, so the overdue mark goes.
     */
    public FollowupCase withAttempt(ContactAttempt attempt, Instant newClaimExpiresAt) {
        List<ContactAttempt> more = new ArrayList<>(attempts);
        more.add(attempt);
        Instant callback = attempt.outcome() == ContactAttempt.Outcome.CALLBACK_REQUESTED ? attempt.callbackAt() : null;
        boolean stillOverdue = overdue && !attempt.outcome().reachedCustomer();
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, state, openedAt, answeredAt, slaDueAt, accountValue, version,
                sequence, claimedBy, newClaimExpiresAt, more, callback, escalationLevel, stillOverdue, rootCauses,
                otherRootCause, incentive, answer, task, audit);
    }

    public FollowupCase withRootCauses(List<String> categories, @Nullable String otherText) {
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, state, openedAt, answeredAt, slaDueAt, accountValue, version,
                sequence, claimedBy, claimExpiresAt, attempts, callbackAt, escalationLevel, overdue, categories,
                otherText, incentive, answer, task, audit);
    }

    public FollowupCase withIncentive(IncentiveRecord offered) {
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, state, openedAt, answeredAt, slaDueAt, accountValue, version,
                sequence, claimedBy, claimExpiresAt, attempts, callbackAt, escalationLevel, overdue, rootCauses,
                otherRootCause, offered, answer, task, audit);
    }

    public FollowupCase withAnswer(FollowupAnswer next) {
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, state, openedAt, answeredAt, slaDueAt, accountValue, version,
                sequence, claimedBy, claimExpiresAt, attempts, callbackAt, escalationLevel, overdue, rootCauses,
                otherRootCause, incentive, next, task, audit);
    }

    /** The case after a stored change: its state, one version up, its events numbered on to {@code lastSequence}, the entry audited. */
    public FollowupCase recorded(CaseState to, long lastSequence, AuditEntry entry) {
        List<AuditEntry> trail = new ArrayList<>(audit);
        trail.add(entry);
        return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment,
                severity, matchedRules, queue, priority, to, openedAt, answeredAt, slaDueAt, accountValue, version + 1,
                lastSequence, claimedBy, claimExpiresAt, attempts, callbackAt, escalationLevel, overdue, rootCauses,
                otherRootCause, incentive, answer, task, trail);
    }
}
