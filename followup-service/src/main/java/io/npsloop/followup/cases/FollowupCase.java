package io.npsloop.followup.cases;

import java.time.Instant;
import java.util.List;

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

    public Builder toBuilder() {
        return Builder.from(this);
    }

    /** A copy with some fields changed; the only way cases change in memory. */
    public static final class Builder {

        private String caseId;
        private CaseKind kind;
        private String alertId;
        private String responseId;
        private String customerId;
        private @Nullable String accountId;
        private @Nullable Contact contact;
        private int score;
        private @Nullable String comment;
        private Severity severity;
        private List<String> matchedRules;
        private String queue;
        private int priority;
        private CaseState state;
        private Instant openedAt;
        private Instant answeredAt;
        private Instant slaDueAt;
        private @Nullable Money accountValue;
        private long version;
        private long sequence;
        private @Nullable String claimedBy;
        private @Nullable Instant claimExpiresAt;
        private List<ContactAttempt> attempts;
        private @Nullable Instant callbackAt;
        private int escalationLevel;
        private boolean overdue;
        private List<String> rootCauses;
        private @Nullable String otherRootCause;
        private @Nullable IncentiveRecord incentive;
        private @Nullable FollowupAnswer answer;
        private @Nullable String task;
        private List<AuditEntry> audit;

        private Builder() {
        }

        static Builder from(FollowupCase c) {
            Builder b = new Builder();
            b.caseId = c.caseId;
            b.kind = c.kind;
            b.alertId = c.alertId;
            b.responseId = c.responseId;
            b.customerId = c.customerId;
            b.accountId = c.accountId;
            b.contact = c.contact;
            b.score = c.score;
            b.comment = c.comment;
            b.severity = c.severity;
            b.matchedRules = c.matchedRules;
            b.queue = c.queue;
            b.priority = c.priority;
            b.state = c.state;
            b.openedAt = c.openedAt;
            b.answeredAt = c.answeredAt;
            b.slaDueAt = c.slaDueAt;
            b.accountValue = c.accountValue;
            b.version = c.version;
            b.sequence = c.sequence;
            b.claimedBy = c.claimedBy;
            b.claimExpiresAt = c.claimExpiresAt;
            b.attempts = c.attempts;
            b.callbackAt = c.callbackAt;
            b.escalationLevel = c.escalationLevel;
            b.overdue = c.overdue;
            b.rootCauses = c.rootCauses;
            b.otherRootCause = c.otherRootCause;
            b.incentive = c.incentive;
            b.answer = c.answer;
            b.task = c.task;
            b.audit = c.audit;
            return b;
        }

        public static Builder empty() {
            Builder b = new Builder();
            b.attempts = List.of();
            b.rootCauses = List.of();
            b.matchedRules = List.of();
            b.audit = List.of();
            return b;
        }

        public Builder caseId(String value) {
            this.caseId = value;
            return this;
        }

        public Builder kind(CaseKind value) {
            this.kind = value;
            return this;
        }

        public Builder alertId(String value) {
            this.alertId = value;
            return this;
        }

        public Builder responseId(String value) {
            this.responseId = value;
            return this;
        }

        public Builder customerId(String value) {
            this.customerId = value;
            return this;
        }

        public Builder accountId(@Nullable String value) {
            this.accountId = value;
            return this;
        }

        public Builder contact(@Nullable Contact value) {
            this.contact = value;
            return this;
        }

        public Builder score(int value) {
            this.score = value;
            return this;
        }

        public Builder comment(@Nullable String value) {
            this.comment = value;
            return this;
        }

        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public Builder matchedRules(List<String> value) {
            this.matchedRules = value;
            return this;
        }

        public Builder queue(String value) {
            this.queue = value;
            return this;
        }

        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        public Builder state(CaseState value) {
            this.state = value;
            return this;
        }

        public Builder openedAt(Instant value) {
            this.openedAt = value;
            return this;
        }

        public Builder answeredAt(Instant value) {
            this.answeredAt = value;
            return this;
        }

        public Builder slaDueAt(Instant value) {
            this.slaDueAt = value;
            return this;
        }

        public Builder accountValue(@Nullable Money value) {
            this.accountValue = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder sequence(long value) {
            this.sequence = value;
            return this;
        }

        public Builder claimedBy(@Nullable String value) {
            this.claimedBy = value;
            return this;
        }

        public Builder claimExpiresAt(@Nullable Instant value) {
            this.claimExpiresAt = value;
            return this;
        }

        public Builder attempts(List<ContactAttempt> value) {
            this.attempts = value;
            return this;
        }

        public Builder callbackAt(@Nullable Instant value) {
            this.callbackAt = value;
            return this;
        }

        public Builder escalationLevel(int value) {
            this.escalationLevel = value;
            return this;
        }

        public Builder overdue(boolean value) {
            this.overdue = value;
            return this;
        }

        public Builder rootCauses(List<String> value) {
            this.rootCauses = value;
            return this;
        }

        public Builder otherRootCause(@Nullable String value) {
            this.otherRootCause = value;
            return this;
        }

        public Builder incentive(@Nullable IncentiveRecord value) {
            this.incentive = value;
            return this;
        }

        public Builder answer(@Nullable FollowupAnswer value) {
            this.answer = value;
            return this;
        }

        public Builder task(@Nullable String value) {
            this.task = value;
            return this;
        }

        public Builder audit(List<AuditEntry> value) {
            this.audit = value;
            return this;
        }

        public FollowupCase build() {
            return new FollowupCase(caseId, kind, alertId, responseId, customerId, accountId, contact, score, comment, severity, matchedRules, queue, priority, state, openedAt, answeredAt, slaDueAt, accountValue, version, sequence, claimedBy, claimExpiresAt, attempts, callbackAt, escalationLevel, overdue, rootCauses, otherRootCause, incentive, answer, task, audit);
        }
    }
}
