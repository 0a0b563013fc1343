package io.npsloop.followup.cases;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.npsloop.followup.cases.ContactAttempt.Channel.PHONE;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.NO_ANSWER;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.REACHED;
import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_LEAD;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_ONLY;
import static io.npsloop.followup.cases.InMemoryFollowup.GRACE;
import static io.npsloop.followup.cases.InMemoryFollowup.LIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Team leads hand cases over: to a named agent (assign) or to another queue (transfer). */
class CaseHandoverTests {

    private static final Actor BILLING_AGENT = new Actor("bea", Actor.Role.AGENT, Set.of("billing"));

    private final InMemoryFollowup f = new InMemoryFollowup();
    private String id;

    @BeforeEach
    void openACase() {
        id = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
    }

    @Test
    void leadAssignsAnOpenCaseToAnAgentWhoThenHoldsItForTheClaimTimeout() {
        FollowupCase assigned = f.work.assign(CARE_LEAD, id, "ada");

        assertThat(assigned.state()).isEqualTo(CaseState.CLAIMED);
        assertThat(assigned.claimedBy()).isEqualTo("ada");
        assertThat(assigned.claimExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(assigned.audit()).last().satisfies(a -> {
            assertThat(a.who()).isEqualTo("kim");
            assertThat(a.what()).isEqualTo("ASSIGN");
            assertThat(a.fromState()).isEqualTo("OPEN");
            assertThat(a.toState()).isEqualTo("CLAIMED");
            assertThat(a.details()).isEqualTo("to ada (was unclaimed)");
        });
        assertThat(statusEvents()).singleElement().satisfies(e -> {
            assertThat(e.actor()).as("the lead who acted").isEqualTo("kim");
            assertThat(e.owner()).as("the new holder").isEqualTo("ada");
            assertThat(e.reason()).isEqualTo("assigned to ada");
            assertThat(e.toState()).isEqualTo("CLAIMED");
        });
        assertThat(f.metrics.counted).containsEntry("transition:ASSIGN", 1);

        assertThat(f.work.recordContact(ADA, id, PHONE, NO_ANSWER, null, null).attempts()).hasSize(1);
        assertThatThrownBy(() -> f.work.claim(GRACE, id))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.holder()).isEqualTo("ada"));
    }

    @Test
    void assignmentReplacesTheHolderNamesThemInTheAuditTrailAndAnnouncesTheNewHolder() {
        f.work.claim(ADA, id);

        FollowupCase reassigned = f.work.assign(LIN, id, "grace");

        assertThat(reassigned.state()).isEqualTo(CaseState.CLAIMED);
        assertThat(reassigned.claimedBy()).isEqualTo("grace");
        assertThat(reassigned.audit()).last().satisfies(a -> {
            assertThat(a.who()).isEqualTo("lin");
            assertThat(a.details()).isEqualTo("to grace (was held by ada)");
        });
        assertThat(statusEvents()).as("the claim, then the assignment though the state stays").hasSize(2)
                .last().satisfies(e -> {
                    assertThat(e.fromState()).isEqualTo("CLAIMED");
                    assertThat(e.toState()).isEqualTo("CLAIMED");
                    assertThat(e.actor()).isEqualTo("lin");
                    assertThat(e.owner()).isEqualTo("grace");
                });
        assertThatThrownBy(() -> f.work.recordContact(ADA, id, PHONE, REACHED, null, null))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.holder()).isEqualTo("grace"));
        assertThat(f.store.find(id).sequence()).as("events numbered without gaps").isEqualTo(f.published.size() - 1L);
    }

    @Test
    void assigningACaseToItsHolderChangesNothingUntilTheClaimHasExpired() {
        FollowupCase first = f.work.assign(LIN, id, " ada ");
        assertThat(first.claimedBy()).as("surrounding white space is no part of a username").isEqualTo("ada");

        assertThat(f.work.assign(LIN, id, "ada")).isEqualTo(first);

        f.clock.advance(Duration.ofMinutes(31));
        FollowupCase renewed = f.work.assign(LIN, id, "ada");
        assertThat(renewed.version()).isEqualTo(first.version() + 1);
        assertThat(renewed.claimExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void contactedCaseStaysContactedWhenReassignedAndEscalatedCaseBecomesClaimed() {
        f.work.claim(ADA, id);
        f.work.recordContact(ADA, id, PHONE, REACHED, null, null);
        assertThat(f.work.assign(LIN, id, "grace").state()).isEqualTo(CaseState.CONTACTED);

        String late = f.open(Severity.HIGH, "customer-care", Duration.ofMinutes(5)).caseId();
        f.clock.advance(Duration.ofMinutes(10));
        f.sla.run();
        assertThat(f.store.find(late).state()).isEqualTo(CaseState.ESCALATED);
        assertThat(f.work.assign(CARE_LEAD, late, "kim").state()).isEqualTo(CaseState.CLAIMED);
    }

    @Test
    void transferMovesTheCaseDropsTheClaimAndKeepsTheSlaAndTheReason() {
        FollowupCase before = f.work.claim(ADA, id);

        FollowupCase moved = f.work.transfer(CARE_LEAD, id, "billing", "  a billing complaint ");

        assertThat(moved.queue()).isEqualTo("billing");
        assertThat(moved.state()).isEqualTo(CaseState.OPEN);
        assertThat(moved.claimedBy()).isNull();
        assertThat(moved.claimExpiresAt()).isNull();
        assertThat(moved.slaDueAt()).isEqualTo(before.slaDueAt());
        assertThat(moved.escalationLevel()).isEqualTo(before.escalationLevel());
        assertThat(moved.audit()).last().satisfies(a -> {
            assertThat(a.who()).isEqualTo("kim");
            assertThat(a.what()).isEqualTo("TRANSFER");
            assertThat(a.details()).isEqualTo("transferred: customer-care -> billing: a billing complaint");
        });
        assertThat(statusEvents()).last().satisfies(e -> {
            assertThat(e.queue()).isEqualTo("billing");
            assertThat(e.fromState()).isEqualTo("CLAIMED");
            assertThat(e.toState()).isEqualTo("OPEN");
            assertThat(e.actor()).isEqualTo("kim");
            assertThat(e.reason()).isEqualTo("transferred: customer-care -> billing: a billing complaint");
        });
        assertThat(f.metrics.counted).containsEntry("transition:TRANSFER", 1);

        assertThat(f.work.queue(BILLING_AGENT, null, null, 10)).extracting(FollowupCase::caseId).containsExactly(id);
        assertThat(f.work.claim(BILLING_AGENT, id).claimedBy()).isEqualTo("bea");
        assertThatThrownBy(() -> f.work.find(CARE_LEAD, id)).as("out of the lead's queues now")
                .isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.find(CARE_ONLY, id)).isInstanceOf(CaseNotFoundException.class);
    }

    @Test
    void transferOfAnUnclaimedCaseAnnouncesTheNewQueueThoughTheStateStays() {
        FollowupCase moved = f.work.transfer(LIN, id, "billing", null);

        assertThat(moved.state()).isEqualTo(CaseState.OPEN);
        assertThat(moved.audit()).last().extracting(AuditEntry::details).isEqualTo("transferred: customer-care -> billing");
        assertThat(statusEvents()).singleElement().satisfies(e -> {
            assertThat(e.fromState()).isEqualTo("OPEN");
            assertThat(e.toState()).isEqualTo("OPEN");
            assertThat(e.queue()).isEqualTo("billing");
        });
    }

    @Test
    void contactedCaseStaysContactedWhenTransferred() {
        f.work.claim(ADA, id);
        f.work.recordContact(ADA, id, PHONE, REACHED, null, null);

        FollowupCase moved = f.work.transfer(LIN, id, "billing", null);

        assertThat(moved.state()).isEqualTo(CaseState.CONTACTED);
        assertThat(moved.claimedBy()).isNull();
        assertThat(moved.attempts()).hasSize(1);
    }

    @Test
    void transferToTheCasesOwnQueueChangesNothing() {
        FollowupCase claimed = f.work.claim(ADA, id);

        assertThat(f.work.transfer(LIN, id, "customer-care", "again")).isEqualTo(claimed);
    }

    @Test
    void slaWatchEscalatesATransferredCaseFromItsNewQueue() {
        f.work.transfer(LIN, id, "billing", null);
        f.clock.advance(Duration.ofHours(9));

        assertThat(f.sla.run()).isEqualTo(1);

        assertThat(f.store.find(id).queue()).isEqualTo("billing-lead");
        assertThat(f.store.find(id).state()).isEqualTo(CaseState.ESCALATED);
    }

    @Test
    void agentsMayNeitherAssignNorTransfer() {
        FollowupCase before = f.store.find(id);

        assertThatThrownBy(() -> f.work.assign(ADA, id, "ada")).isInstanceOf(ForbiddenActionException.class);
        assertThatThrownBy(() -> f.work.transfer(ADA, id, "billing", null)).isInstanceOf(ForbiddenActionException.class);
        assertThatThrownBy(() -> f.work.assign(CARE_ONLY, "no-such-case", "bo")).as("whatever the case")
                .isInstanceOf(ForbiddenActionException.class);
        assertThat(f.store.find(id)).isEqualTo(before);
    }

    @Test
    void leadOfAnotherQueueFindsNoCaseToHandOver() {
        String executive = f.open(Severity.HIGH, "executive", Duration.ofHours(8)).caseId();
        f.work.claim(ADA, executive);
        FollowupCase before = f.store.find(executive);

        assertThatThrownBy(() -> f.work.assign(CARE_LEAD, executive, "bo")).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.transfer(CARE_LEAD, executive, "customer-care", null))
                .isInstanceOf(CaseNotFoundException.class);
        assertThat(f.store.find(executive)).isEqualTo(before);
    }

    @Test
    void badInputNamesEveryBadFieldAndChangesNothing() {
        FollowupCase before = f.store.find(id);

        for (String agent : new String[] {null, "", "   ", "a".repeat(256), "ad\u0000a"}) {
            assertThatThrownBy(() -> f.work.assign(LIN, id, agent)).as(String.valueOf(agent))
                    .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.field()).isEqualTo("agent"));
        }
        for (String queue : new String[] {null, " ", "*", "bill ing", "-billing", "q".repeat(65)}) {
            assertThatThrownBy(() -> f.work.transfer(LIN, id, queue, null)).as(String.valueOf(queue))
                    .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.field()).isEqualTo("queue"));
        }
        assertThatThrownBy(() -> f.work.transfer(LIN, id, "billing lead", "r".repeat(501)))
                .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field).containsExactly("queue", "reason"));
        assertThat(f.work.transfer(LIN, id, "billing.vip_2", "r".repeat(500)).queue()).isEqualTo("billing.vip_2");
        assertThat(f.store.find(id).version()).as("only the valid transfer applied").isEqualTo(before.version() + 1);
    }

    @Test
    void resolvedUnreachableAndClosedCasesAreNeitherAssignedNorTransferred() {
        f.work.claim(ADA, id);
        f.work.recordContact(ADA, id, PHONE, REACHED, null, null);
        f.work.codeRootCauses(ADA, id, List.of("price"), null);
        f.work.resolve(ADA, id, null);
        assertRefusesHandOvers(id, CaseState.RESOLVED);
        f.work.close(LIN, id, null);
        assertRefusesHandOvers(id, CaseState.CLOSED);

        String unreachable = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        f.work.claim(ADA, unreachable);
        for (int i = 0; i < 3; i++) {
            f.work.recordContact(ADA, unreachable, PHONE, NO_ANSWER, null, null);
        }
        assertRefusesHandOvers(unreachable, CaseState.UNREACHABLE);
    }

    @Test
    void claimLandingBetweenReadAndWriteMakesTheAssignmentAConflict() {
        CaseWork racing = racingWork(() -> f.work.claim(GRACE, id));

        assertThatThrownBy(() -> racing.assign(LIN, id, "ada")).isInstanceOfSatisfying(CaseConflictException.class, e -> {
            assertThat(e.action()).isEqualTo(CaseAction.ASSIGN);
            assertThat(e.holder()).isEqualTo("grace");
        });
        FollowupCase after = f.store.find(id);
        assertThat(after.claimedBy()).isEqualTo("grace");
        assertThat(after.audit()).extracting(AuditEntry::what).doesNotContain("ASSIGN");
        assertThat(f.store.find(id).sequence()).isEqualTo(f.published.size() - 1L);
    }

    @Test
    void changeLandingBetweenReadAndWriteMakesTheTransferAConflict() {
        f.work.claim(ADA, id);
        CaseWork racing = racingWork(() -> f.work.recordContact(ADA, id, PHONE, REACHED, null, null));

        assertThatThrownBy(() -> racing.transfer(LIN, id, "billing", null))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> {
                    assertThat(e.action()).isEqualTo(CaseAction.TRANSFER);
                    assertThat(e.state()).isEqualTo(CaseState.CONTACTED);
                });
        assertThat(f.store.find(id).queue()).isEqualTo("customer-care");
        assertThat(f.store.find(id).claimedBy()).isEqualTo("ada");
    }

    private void assertRefusesHandOvers(String caseId, CaseState state) {
        FollowupCase before = f.store.find(caseId);
        assertThatThrownBy(() -> f.work.assign(LIN, caseId, "grace")).isInstanceOfSatisfying(CaseConflictException.class, e -> {
            assertThat(e.state()).isEqualTo(state);
            assertThat(e.action()).isEqualTo(CaseAction.ASSIGN);
        });
        assertThatThrownBy(() -> f.work.transfer(LIN, caseId, "billing", null))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> {
                    assertThat(e.state()).isEqualTo(state);
                    assertThat(e.action()).isEqualTo(CaseAction.TRANSFER);
                });
        assertThat(f.store.find(caseId)).isEqualTo(before);
    }

    /**
     * The domain on a store where {@code meanwhile} happens once between a command's read and its
     * guarded write, as when another request is faster.
     */
    private CaseWork racingWork(Runnable meanwhile) {
        AtomicBoolean raced = new AtomicBoolean();
        CaseStore store = (CaseStore) Proxy.newProxyInstance(CaseStore.class.getClassLoader(), new Class<?>[] {CaseStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("apply") && raced.compareAndSet(false, true)) {
                        meanwhile.run();
                    }
                    try {
                        return method.invoke(f.store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new CaseWork(store, f.relay, f.coding, f.experiments, f.doNotContact, InMemoryFollowup.POLICY, f.metrics, f.clock);
    }

    private List<CaseStatusChanged> statusEvents() {
        return f.events(id, EventTypes.CASE_STATUS_CHANGED).stream().map(e -> (CaseStatusChanged) e.payload()).toList();
    }
}
