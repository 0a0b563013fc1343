package io.npsloop.followup.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.followup.cases.ContactAttempt.Channel.PHONE;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.NO_ANSWER;
import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_LEAD;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_ONLY;
import static io.npsloop.followup.cases.InMemoryFollowup.GRACE;
import static io.npsloop.followup.cases.InMemoryFollowup.LIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What the workspace page reads beside the cases: when the holder claimed, a score history, a lead's agents. */
class CaseWorkspaceReadsTests {

    private final InMemoryFollowup f = new InMemoryFollowup();

    @Test
    void aCaseKeepsTheRulesThatRaisedItsAlert() {
        assertThat(f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).matchedRules()).containsExactly("detractor");
    }

    @Test
    void aConflictWithTheHolderSaysWhenTheyClaimedTheCase() {
        String id = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        Instant claimed = f.clock.instant();
        f.work.claim(ADA, id);
        f.clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> f.work.claim(GRACE, id)).isInstanceOfSatisfying(CaseConflictException.class, e -> {
            assertThat(e.holder()).isEqualTo("ada");
            assertThat(e.claimedAt()).isEqualTo(claimed);
        });
        assertThatThrownBy(() -> f.work.release(GRACE, id)).isInstanceOfSatisfying(CaseConflictException.class,
                e -> assertThat(e.claimedAt()).isEqualTo(claimed));
    }

    @Test
    void theClaimStartsAtTheLastClaimOrAssignmentAndEndsWithTheClaim() {
        String id = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        assertThat(f.work.find(id).claimSince()).isNull();

        Instant claimed = f.clock.instant();
        f.work.claim(ADA, id);
        f.clock.advance(Duration.ofMinutes(5));
        assertThat(f.work.recordContact(ADA, id, PHONE, NO_ANSWER, null, null).claimSince())
                .as("working the case renews the lease, not the claim").isEqualTo(claimed);

        f.clock.advance(Duration.ofMinutes(5));
        Instant assigned = f.clock.instant();
        assertThat(f.work.assign(CARE_LEAD, id, "grace").claimSince()).isEqualTo(assigned);
        assertThat(f.work.release(CARE_LEAD, id).claimSince()).isNull();
    }

    @Test
    void scoreHistoryListsEveryAnswerOfTheCustomerOnceOldestFirst() {
        DetractorAlertRaised first = f.alert(Severity.HIGH, "customer-care", Duration.ofHours(8));
        String firstCase = f.opening(new AdvocacyRule(true, 9, Map.of(), "advocacy")).open(first).caseId();
        f.clock.advance(Duration.ofDays(3));
        f.closure(new AdvocacyRule(false, 9, Map.of(), "advocacy"))
                .answered(InMemoryFollowup.answer(first.customerId(), 4, Map.of(), f.clock.instant()));
        f.clock.advance(Duration.ofDays(3));
        DetractorAlertRaised second = withCustomer(f.alert(Severity.NORMAL, "billing", Duration.ofHours(8)), first.customerId());
        String secondCase = f.opening(new AdvocacyRule(true, 9, Map.of(), "advocacy")).open(second).caseId();

        assertThat(f.work.scoreHistory(CARE_ONLY, firstCase))
                .extracting(ScoredAnswer::score, ScoredAnswer::answeredAt)
                .containsExactly(tuple(2, first.raisedAt()), tuple(4, f.clock.instant().minus(Duration.ofDays(3))),
                        tuple(2, second.raisedAt()));
        assertThat(f.work.scoreHistory(LIN, secondCase)).hasSize(3);
        assertThatThrownBy(() -> f.work.scoreHistory(CARE_ONLY, secondCase)).as("another queue's case")
                .isInstanceOf(CaseNotFoundException.class);
    }

    @Test
    void aLeadsAgentsAreWhoClaimedOrWorkedCasesOfTheLeadsQueues() {
        String care = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        String lead = f.open(Severity.HIGH, "customer-care-lead", Duration.ofHours(8)).caseId();
        String billing = f.open(Severity.HIGH, "billing", Duration.ofHours(8)).caseId();
        f.work.claim(ADA, care);
        f.work.recordContact(ADA, care, PHONE, NO_ANSWER, null, null);
        f.work.release(ADA, care);
        f.work.assign(CARE_LEAD, lead, "grace");
        Actor bo = new Actor("bo", Actor.Role.AGENT, Set.of("billing"));
        f.work.claim(bo, billing);

        assertThat(f.work.knownAgents(CARE_LEAD)).containsExactly("ada", "grace");
        assertThat(f.work.knownAgents(LIN)).containsExactly("ada", "bo", "grace");
        assertThatThrownBy(() -> f.work.knownAgents(ADA)).isInstanceOf(ForbiddenActionException.class);
    }

    private static DetractorAlertRaised withCustomer(DetractorAlertRaised a, String customerId) {
        return new DetractorAlertRaised(a.eventId(), a.eventType(), a.schemaVersion(), a.occurredAt(), a.alertId(),
                a.responseId(), customerId, a.accountId(), a.contact(), a.score(), a.category(), a.comment(), a.channel(),
                a.touchpoint(), a.attributes(), a.accountValue(), a.severity(), a.ownerQueue(), a.matchedRules(), a.raisedAt(),
                a.slaDueAt());
    }
}
