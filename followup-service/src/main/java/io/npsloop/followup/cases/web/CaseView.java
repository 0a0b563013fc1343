package io.npsloop.followup.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.Contact;
import io.npsloop.contracts.Money;
import io.npsloop.followup.cases.AuditEntry;
import io.npsloop.followup.cases.ContactAttempt;
import io.npsloop.followup.cases.FollowupAnswer;
import io.npsloop.followup.cases.FollowupCase;
import io.npsloop.followup.cases.IncentiveRecord;
import org.jspecify.annotations.Nullable;

/**
 * A case as the API answers it: the names and the order of its JSON are the contract with the
 * clients (the workspace among them), mapped field by field from the stored case so that a change
 * of the domain record is not a change of the API. {@code doNotContact} is not stored with the case:
 * it is whether the customer is on the do-not-contact list at the time of the answer. Pinned by
 * {@code CaseJsonMvcTests}.
 */
record CaseView(
        String caseId,
        String kind,
        String alertId,
        String responseId,
        String customerId,
        @Nullable String accountId,
        @Nullable Contact contact,
        int score,
        @Nullable String comment,
        String severity,
        List<String> matchedRules,
        String queue,
        int priority,
        String state,
        Instant openedAt,
        Instant answeredAt,
        Instant slaDueAt,
        @Nullable Money accountValue,
        long version,
        long sequence,
        @Nullable String claimedBy,
        @Nullable Instant claimExpiresAt,
        List<Attempt> attempts,
        @Nullable Instant callbackAt,
        int escalationLevel,
        boolean overdue,
        List<String> rootCauses,
        @Nullable String otherRootCause,
        @Nullable Incentive incentive,
        @Nullable Answer answer,
        @Nullable String task,
        List<Audit> audit,
        boolean doNotContact) {

    /** The case; {@code doNotContact} whether its customer is on the do-not-contact list now. */
    static CaseView of(FollowupCase c, boolean doNotContact) {
        return new CaseView(c.caseId(), c.kind().name(), c.alertId(), c.responseId(), c.customerId(), c.accountId(),
                c.contact(), c.score(), c.comment(), c.severity().name(), c.matchedRules(), c.queue(), c.priority(),
                c.state().name(), c.openedAt(), c.answeredAt(), c.slaDueAt(), c.accountValue(), c.version(),
                c.sequence(), c.claimedBy(), c.claimExpiresAt(), c.attempts().stream().map(Attempt::of).toList(),
                c.callbackAt(), c.escalationLevel(), c.overdue(), c.rootCauses(), c.otherRootCause(),
                c.incentive() == null ? null : Incentive.of(c.incentive()),
                c.answer() == null ? null : Answer.of(c.answer()), c.task(),
                c.audit().stream().map(Audit::of).toList(), doNotContact);
    }

    static List<CaseView> ofAll(List<FollowupCase> cases, Set<String> notToContact) {
        return cases.stream().map(c -> of(c, notToContact.contains(c.customerId()))).toList();
    }

    record Attempt(int number, String agent, Instant at, String channel, String outcome, @Nullable Instant callbackAt,
            @Nullable String note) {

        static Attempt of(ContactAttempt a) {
            return new Attempt(a.number(), a.agent(), a.at(), a.channel().name(), a.outcome().name(), a.callbackAt(),
                    a.note());
        }
    }

    record Incentive(String experimentId, String arm, long assignmentNumber, String rootCause,
            @Nullable String incentiveId, @Nullable String incentiveType, @Nullable Money cost, @Nullable Boolean accepted) {

        static Incentive of(IncentiveRecord i) {
            return new Incentive(i.experimentId(), i.arm(), i.assignmentNumber(), i.rootCause(), i.incentiveId(),
                    i.incentiveType(), i.cost(), i.accepted());
        }
    }

    record Answer(String responseId, int score, String category, String transition, Instant answeredAt) {

        static Answer of(FollowupAnswer a) {
            return new Answer(a.responseId(), a.score(), a.category().name(), a.transition(), a.answeredAt());
        }
    }

    record Audit(String who, String what, Instant when, String fromState, String toState, @Nullable String details) {

        static Audit of(AuditEntry a) {
            return new Audit(a.who(), a.what(), a.when(), a.fromState(), a.toState(), a.details());
        }
    }
}
