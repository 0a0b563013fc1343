package io.npsloop.followup.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.npsloop.followup.cases.ContactAttempt.Channel.PHONE;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.CALLBACK_REQUESTED;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.NO_ANSWER;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.REACHED;
import static io.npsloop.followup.cases.ContactAttempt.Outcome.VOICEMAIL;
import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_LEAD;
import static io.npsloop.followup.cases.InMemoryFollowup.CARE_ONLY;
import static io.npsloop.followup.cases.InMemoryFollowup.GRACE;
import static io.npsloop.followup.cases.InMemoryFollowup.LIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CaseWorkTests {

    private final InMemoryFollowup f = new InMemoryFollowup();
    private String id;

    @BeforeEach
    void openACase() {
        id = f.open(Severity.HIGH, "executive", Duration.ofHours(8)).caseId();
    }

    @Test
    void claimGivesTheCaseToTheAgentForTheClaimTimeoutAndIsAudited() {
        FollowupCase claimed = f.work.claim(ADA, id);

        assertThat(claimed.state()).isEqualTo(CaseState.CLAIMED);
        assertThat(claimed.claimedBy()).isEqualTo("ada");
        assertThat(claimed.claimExpiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(claimed.audit()).last().satisfies(a -> {
            assertThat(a.who()).isEqualTo("ada");
            assertThat(a.what()).isEqualTo("CLAIM");
            assertThat(a.when()).isEqualTo(f.clock.instant());
            assertThat(a.fromState()).isEqualTo("OPEN");
            assertThat(a.toState()).isEqualTo("CLAIMED");
        });
        assertThat(f.eventTypes(id)).containsExactly(EventTypes.CASE_OPENED, EventTypes.CASE_STATUS_CHANGED);
        assertThat(f.metrics.counted).containsEntry("transition:CLAIM", 1);
    }

    @Test
    void secondAgentsClaimIsAConflictNamingTheHolder() {
        f.work.claim(ADA, id);

        assertThatThrownBy(() -> f.work.claim(GRACE, id)).isInstanceOfSatisfying(CaseConflictException.class, e -> {
            assertThat(e.state()).isEqualTo(CaseState.CLAIMED);
            assertThat(e.action()).isEqualTo(CaseAction.CLAIM);
            assertThat(e.holder()).isEqualTo("ada");
        });
    }

    @Test
    void holdersRepeatedClaimChangesNothing() {
        FollowupCase first = f.work.claim(ADA, id);

        assertThat(f.work.claim(ADA, id)).isEqualTo(first);
    }

    @Test
    void claimExpiresAfterTheTimeoutWithoutActionAndAnotherAgentCanTakeItOver() {
        f.work.claim(ADA, id);
        f.clock.advance(Duration.ofMinutes(29));
        assertThatThrownBy(() -> f.work.claim(GRACE, id)).isInstanceOf(CaseConflictException.class);

        f.clock.advance(Duration.ofMinutes(1));
        FollowupCase taken = f.work.claim(GRACE, id);

        assertThat(taken.claimedBy()).isEqualTo("grace");
        assertThat(taken.state()).isEqualTo(CaseState.CLAIMED);
        assertThatThrownBy(() -> f.work.recordContact(ADA, id, PHONE, REACHED, null, null))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.holder()).isEqualTo("grace"));
        assertThat(statusEvents()).as("the take-over is announced though the state stays, so the owner moves")
                .extracting(CaseStatusChanged::actor, CaseStatusChanged::owner)
                .containsExactly(tuple("ada", "ada"), tuple("grace", "grace"));
    }

    @Test
    void everyActionOfTheHolderRenewsTheClaim() {
        f.work.claim(ADA, id);
        f.clock.advance(Duration.ofMinutes(25));
        f.work.recordContact(ADA, id, PHONE, NO_ANSWER, null, null);
        f.clock.advance(Duration.ofMinutes(25));

        assertThatThrownBy(() -> f.work.claim(GRACE, id)).isInstanceOf(CaseConflictException.class);
    }

    @Test
    void takeOverOfAContactedCaseKeepsItContacted() {
        f.work.claim(ADA, id);
        f.work.recordContact(ADA, id, PHONE, REACHED, null, null);
        f.clock.advance(Duration.ofHours(1));

        assertThat(f.work.claim(GRACE, id).state()).isEqualTo(CaseState.CONTACTED);
        assertThat(statusEvents()).last().extracting(CaseStatusChanged::toState, CaseStatusChanged::owner)
                .containsExactly("CONTACTED", "grace");
    }

    @Test
    void agentOfAnotherQueueFindsNoCase() {
        assertThatThrownBy(() -> f.work.claim(CARE_ONLY, id)).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.find(CARE_ONLY, id)).isInstanceOf(CaseNotFoundException.class);
        assertThat(f.store.find(id).state()).isEqualTo(CaseState.OPEN);
    }

    @Test
    void leadOverridesClaimsOnlyInTheirOwnQueues() {
        f.work.claim(ADA, id);
        FollowupCase before = f.store.find(id);

        assertThatThrownBy(() -> f.work.release(CARE_LEAD, id)).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.codeRootCauses(CARE_LEAD, id, List.of("delivery"), null))
                .isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.close(CARE_LEAD, id, null)).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.reopen(CARE_LEAD, id, null)).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.requestResurvey(CARE_LEAD, id)).isInstanceOf(CaseNotFoundException.class);
        assertThat(f.store.find(id)).isEqualTo(before);

        String own = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        f.work.claim(CARE_ONLY, own);
        assertThat(f.work.release(CARE_LEAD, own).claimedBy()).isNull();
    }

    @Test
    void aQueueNameGrantsThatQueueOnlyWhateverTheRoleAndATeamScopeGrantsTheTeamsQueues() {
        String customer = f.open(Severity.HIGH, "customer", Duration.ofHours(8)).caseId();
        String care = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        String careLead = f.open(Severity.HIGH, "customer-care-lead", Duration.ofHours(8)).caseId();
        String customers = f.open(Severity.HIGH, "customers", Duration.ofHours(8)).caseId();
        Actor leadOfCustomer = new Actor("lee", Actor.Role.LEAD, Set.of("customer"));
        Actor leadOfTheTeam = new Actor("tia", Actor.Role.LEAD, Set.of("customer-*"));
        Actor agentOfTheTeam = new Actor("ted", Actor.Role.AGENT, Set.of("customer-*"));

        assertThat(f.work.queue(leadOfCustomer, null, null, 500)).extracting(FollowupCase::caseId).containsExactly(customer);
        assertThatThrownBy(() -> f.work.claim(leadOfCustomer, care)).isInstanceOf(CaseNotFoundException.class);
        assertThatThrownBy(() -> f.work.find(leadOfCustomer, careLead)).isInstanceOf(CaseNotFoundException.class);
        for (Actor team : List.of(leadOfTheTeam, agentOfTheTeam)) {
            assertThat(f.work.queue(team, null, null, 500)).extracting(FollowupCase::caseId)
                    .as(team.username()).containsExactlyInAnyOrder(care, careLead);
            assertThatThrownBy(() -> f.work.find(team, customer)).isInstanceOf(CaseNotFoundException.class);
            assertThatThrownBy(() -> f.work.find(team, customers)).isInstanceOf(CaseNotFoundException.class);
        }
        assertThat(new Actor("x", Actor.Role.LEAD, Set.of("-*")).works("-care")).as("a scope names a team").isFalse();
    }

    @Test
    void theAdminRoleAddsNoQueueToAnAgentOrALead() {
        String care = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        f.work.claim(ADA, care);
        Actor adminAgent = new Actor("ines", Actor.Role.AGENT, Set.of("billing"), true);
        Actor adminLead = new Actor("ines", Actor.Role.LEAD, Set.of("billing"), true);
        Actor adminOfCare = new Actor("ines", Actor.Role.AGENT, Set.of("customer-care"), true);

        for (Actor admin : List.of(adminAgent, adminLead)) {
            assertThat(f.work.queue(admin, null, null, 500)).isEmpty();
            assertThatThrownBy(() -> f.work.find(admin, care)).isInstanceOf(CaseNotFoundException.class);
            assertThatThrownBy(() -> f.work.release(admin, care)).isInstanceOf(CaseNotFoundException.class);
        }
        assertThat(f.work.find(adminOfCare, care).caseId()).isEqualTo(care);
        assertThatThrownBy(() -> f.work.release(adminOfCare, care)).as("an admin agent has no lead's say over claims")
                .isInstanceOf(CaseConflictException.class);
    }

    @Test
    void leadWorksTheLeadQueuesOfTheirTeamScopeButNoQueueThatMerelySharesThePrefix() {
        String care = f.open(Severity.HIGH, "customer-care", Duration.ofHours(8)).caseId();
        String careLead = f.open(Severity.HIGH, "customer-care-lead", Duration.ofHours(8)).caseId();
        String lookalike = f.open(Severity.HIGH, "customer-careers", Duration.ofHours(8)).caseId();

        assertThat(f.work.queue(CARE_LEAD, null, null, 500)).extracting(FollowupCase::caseId)
                .containsExactlyInAnyOrder(care, careLead);
        assertThat(f.work.queue(CARE_LEAD, "executive", null, 500)).isEmpty();
        assertThat(f.work.claim(CARE_LEAD, careLead).claimedBy()).isEqualTo("kim");
        assertThatThrownBy(() -> f.work.claim(CARE_LEAD, lookalike)).isInstanceOf(CaseNotFoundException.class);
        assertThat(f.work.queue(CARE_ONLY, null, null, 500)).extracting(FollowupCase::caseId).containsExactly(care);
    }

    @Test
    void releaseByTheHolderReopensTheCaseForOthers() {
        f.work.claim(ADA, id);

        FollowupCase released = f.work.release(ADA, id);

        assertThat(released.state()).isEqualTo(CaseState.OPEN);
        assertThat(released.claimedBy()).isNull();
        assertThat(f.work.claim(GRACE, id).claimedBy()).isEqualTo("grace");
    }

    @Test
    void onlyTheHolderOrALeadReleases() {
        f.work.claim(ADA, id);

        assertThatThrownBy(() -> f.work.release(GRACE, id)).isInstanceOf(CaseConflictException.class);
        assertThat(f.work.release(LIN, id).state()).isEqualTo(CaseState.OPEN);
    }

    @Test
    void actingWithoutAClaimIsAConflict() {
        assertThatThrownBy(() -> f.work.recordContact(ADA, id, PHONE, REACHED, null, null))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.state()).isEqualTo(CaseState.OPEN));
    }

    @Test
    void reachingTheCustomerMakesTheCaseContactedAndLogsTheAttempt() {
        f.work.claim(ADA, id);

        FollowupCase contacted = f.work.recordContact(ADA, id, PHONE, REACHED, null, "talked");

        assertThat(contacted.state()).isEqualTo(CaseState.CONTACTED);
        assertThat(contacted.attempts()).singleElement().satisfies(a -> {
            assertThat(a.agent()).isEqualTo("ada");
            assertThat(a.channel()).isEqualTo(PHONE);
            assertThat(a.outcome()).isEqualTo(REACHED);
            assertThat(a.note()).isEqualTo("talked");
        });
        assertThat(f.eventTypes(id)).contains(EventTypes.CONTACT_ATTEMPTED);
    }

    @Test
    void caseBecomesUnreachableAfterTheConfiguredNumberOfFailedAttempts() {
        f.work.claim(ADA, id);

        assertThat(f.work.recordContact(ADA, id, PHONE, NO_ANSWER, null, null).state()).isEqualTo(CaseState.CLAIMED);
        assertThat(f.work.recordContact(ADA, id, PHONE, VOICEMAIL, null, null).state()).isEqualTo(CaseState.CLAIMED);
        FollowupCase third = f.work.recordContact(ADA, id, PHONE, ContactAttempt.Outcome.WRONG_NUMBER, null, null);

        assertThat(third.state()).isEqualTo(CaseState.UNREACHABLE);
        assertThat(third.attempts()).hasSize(3);
        assertThat(third.audit()).last().extracting(AuditEntry::what).isEqualTo("GIVE_UP");
    }

    @Test
    void callbackRequestNeedsItsTimeAndSortsFirstOnceDue() {
        f.work.claim(ADA, id);
        assertThatThrownBy(() -> f.work.recordContact(ADA, id, PHONE, CALLBACK_REQUESTED, null, null))
                .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.field()).isEqualTo("callbackAt"));
        assertThat(f.store.find(id).attempts()).as("not half-applied").isEmpty();

        Instant callback = f.clock.instant().plus(Duration.ofHours(1));
        f.work.recordContact(ADA, id, PHONE, CALLBACK_REQUESTED, callback, "Thursday");
        String other = f.open(Severity.CRITICAL, "executive", Duration.ofHours(1)).caseId();
        assertThat(f.work.queue(ADA, "executive", null, 10)).extracting(FollowupCase::caseId).containsExactly(other, id);

        f.clock.advance(Duration.ofHours(1));
        assertThat(f.work.queue(ADA, "executive", null, 10)).extracting(FollowupCase::caseId).containsExactly(id, other);
    }

    @Test
    void rootCausesMustBeActiveCategoriesAndOtherNeedsItsText() {
        reach();

        assertThatThrownBy(() -> f.work.codeRootCauses(ADA, id, List.of("delivery", "no-such"), null))
                .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.field()).isEqualTo("categories[1]"));
        assertThatThrownBy(() -> f.work.codeRootCauses(ADA, id, List.of("other"), " "))
                .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.field()).isEqualTo("otherText"));
        f.rootCauses.deactivate("billing");
        assertThatThrownBy(() -> f.work.codeRootCauses(ADA, id, List.of("billing"), null))
                .isInstanceOfSatisfying(InvalidCaseInputException.class, e -> assertThat(e.getMessage()).contains("deactivated"));

        FollowupCase coded = f.work.codeRootCauses(ADA, id, List.of("delivery", "other"), " wrong address ");
        assertThat(coded.rootCauses()).containsExactly("delivery", "other");
        assertThat(coded.otherRootCause()).isEqualTo("wrong address");
        assertThat(f.eventTypes(id)).contains(EventTypes.ROOT_CAUSE_CODED);
    }

    @Test
    void recodeReplacesOtherByThePromotedCategory() {
        reach();
        f.work.codeRootCauses(ADA, id, List.of("other", "price"), "wrong address");

        FollowupCase recoded = f.work.recode(LIN, id, "wrong-address");

        assertThat(recoded.rootCauses()).containsExactly("wrong-address", "price");
        assertThat(recoded.otherRootCause()).isNull();
        assertThat(f.work.recode(LIN, id, "wrong-address")).as("no longer coded other").isNull();
    }

    @Test
    void incentiveNeedsARootCauseThenAssignsTheExperimentArmOnce() {
        reach();
        assertThatThrownBy(() -> f.work.offerIncentive(ADA, id, null)).isInstanceOf(CaseConflictException.class);
        f.work.codeRootCauses(ADA, id, List.of("delivery"), null);

        FollowupCase offered = f.work.offerIncentive(ADA, id, null);
        IncentiveRecord record = offered.incentive();

        assertThat(record.experimentId()).isEqualTo("delivery-incentives");
        assertThat(record.assignmentNumber()).isZero();
        assertThat(record.arm()).isEqualTo(InMemoryFollowup.ASSIGNMENT.arm("delivery-incentives", List.of("control", "free-month"), id));
        if (record.arm().equals("control")) {
            assertThat(record.cost()).isNull();
            assertThat(record.incentiveId()).isNull();
        } else {
            assertThat(record.cost().amount()).isEqualByComparingTo("29.00");
        }
        FollowupCase answered = f.work.offerIncentive(ADA, id, true);
        assertThat(answered.incentive().arm()).isEqualTo(record.arm());
        assertThat(answered.incentive().accepted()).isEqualTo(record.arm().equals("control") ? null : Boolean.TRUE);
        assertThat(f.events(id, EventTypes.INCENTIVE_OFFERED)).hasSize(2)
                .allSatisfy(e -> assertThat(((IncentiveOffered) e.payload()).arm()).isEqualTo(record.arm()));
    }

    @Test
    void rootCauseWithoutAnExperimentGetsNoOffer() {
        reach();
        f.work.codeRootCauses(ADA, id, List.of("billing"), null);

        assertThatThrownBy(() -> f.work.offerIncentive(ADA, id, true))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.action()).isEqualTo(CaseAction.OFFER_INCENTIVE));
    }

    @Test
    void recoveryCaseResolvesOnlyWithARootCause() {
        reach();
        assertThatThrownBy(() -> f.work.resolve(ADA, id, null)).isInstanceOf(CaseConflictException.class);
        f.work.codeRootCauses(ADA, id, List.of("price"), null);

        assertThat(f.work.resolve(ADA, id, "refunded").state()).isEqualTo(CaseState.RESOLVED);
        assertThat(f.store.list(null, null)).isNotEmpty();
    }

    @Test
    void resolvedCaseRequestsAResurveyClosesAndReopens() {
        reach();
        f.work.codeRootCauses(ADA, id, List.of("price"), null);
        f.work.resolve(ADA, id, null);

        assertThat(f.work.requestResurvey(ADA, id).state()).isEqualTo(CaseState.RESOLVED);
        assertThat(f.eventTypes(id)).contains(EventTypes.RESURVEY_REQUESTED);
        assertThat(f.work.close(LIN, id, "done").state()).isEqualTo(CaseState.CLOSED);
        FollowupCase reopened = f.work.reopen(LIN, id, "customer wrote again");
        assertThat(reopened.state()).isEqualTo(CaseState.REOPENED);
        assertThat(reopened.claimedBy()).isNull();
        assertThat(f.work.claim(GRACE, id).state()).isEqualTo(CaseState.CLAIMED);
    }

    @Test
    void unreachableCaseIsClosedByALead() {
        f.work.claim(ADA, id);
        for (int i = 0; i < 3; i++) {
            f.work.recordContact(ADA, id, PHONE, NO_ANSWER, null, null);
        }

        assertThatThrownBy(() -> f.work.close(GRACE, id, null)).isInstanceOf(CaseConflictException.class);
        assertThat(f.work.close(LIN, id, "gave up").state()).isEqualTo(CaseState.CLOSED);
    }

    @Test
    void illegalActionIsRefusedNamingStateAndActionAndChangesNothing() {
        f.work.claim(ADA, id);
        FollowupCase before = f.store.find(id);

        assertThatThrownBy(() -> f.work.requestResurvey(ADA, id)).isInstanceOfSatisfying(CaseConflictException.class, e -> {
            assertThat(e.state()).isEqualTo(CaseState.CLAIMED);
            assertThat(e.action()).isEqualTo(CaseAction.REQUEST_RESURVEY);
        });
        assertThat(f.store.find(id)).isEqualTo(before);
    }

    @Test
    void changeBasedOnAStaleVersionIsAConflict() {
        FollowupCase stale = f.store.find(id);
        f.work.claim(ADA, id);

        assertThatThrownBy(() -> f.work.commit(CaseWork.change(stale, CaseAction.CLAIM, GRACE, f.clock.instant(), null,
                c -> c.withClaim("grace", null), List.of())))
                .isInstanceOfSatisfying(CaseConflictException.class, e -> assertThat(e.holder()).isEqualTo("ada"));
        assertThat(f.store.find(id).claimedBy()).isEqualTo("ada");
    }

    @Test
    void eventSequencesNumberTheCasesEventsWithoutGaps() {
        reach();
        f.work.codeRootCauses(ADA, id, List.of("price"), null);
        f.work.resolve(ADA, id, null);

        assertThat(f.store.find(id).sequence()).isEqualTo(f.published.size() - 1L);
    }

    @Test
    void nextAnswerOfTheCustomerClosesTheLoopOnce() {
        FollowupCase c = f.store.find(id);
        LoopClosure closure = f.closure(new AdvocacyRule(false, 9, Map.of(), "advocacy"));
        var next = InMemoryFollowup.answer(c.customerId(), 9, Map.of(), f.clock.instant());

        closure.answered(next);
        closure.answered(next);

        assertThat(f.store.find(id).answer().transition()).isEqualTo("DETRACTOR->PROMOTER");
        assertThat(f.events(id, EventTypes.LOOP_CLOSED)).hasSize(1);
    }

    private void reach() {
        f.work.claim(ADA, id);
        f.work.recordContact(ADA, id, PHONE, REACHED, null, null);
    }

    private List<CaseStatusChanged> statusEvents() {
        return f.events(id, EventTypes.CASE_STATUS_CHANGED).stream().map(e -> (CaseStatusChanged) e.payload()).toList();
    }
}
