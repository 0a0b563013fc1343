package io.npsloop.followup.cases;

import java.time.Duration;
import java.util.Map;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseOpeningTests {

    private final InMemoryFollowup f = new InMemoryFollowup();
    private final CaseOpening opening = f.opening(new AdvocacyRule(true, 9, Map.of("plan", "pro"), "advocacy"));

    @Test
    void redeliveredAlertOpensNoSecondCaseAndIsCountedOnce() {
        var alert = f.alert(Severity.CRITICAL, "executive", Duration.ofHours(4));

        FollowupCase first = opening.open(alert);
        FollowupCase again = opening.open(alert);

        assertThat(again.caseId()).isEqualTo(first.caseId());
        assertThat(f.store.cases).hasSize(1);
        assertThat(f.eventTypes(first.caseId())).containsExactly(EventTypes.CASE_OPENED);
        assertThat(f.metrics.counted).containsEntry("opened:RECOVERY:executive", 1);
        assertThat(first.state()).isEqualTo(CaseState.OPEN);
        assertThat(first.slaDueAt()).isEqualTo(alert.slaDueAt());
        assertThat(first.priority()).isEqualTo(Priority.of(Severity.CRITICAL, alert.accountValue()));
    }

    @Test
    void promoterMatchingTheRuleGetsAnAdvocacyTaskInTheAdvocacyQueue() {
        FollowupCase task = opening.openAdvocacy(InMemoryFollowup.answer("c-1", 9, Map.of("plan", "pro"), f.clock.instant()));

        assertThat(task).isNotNull();
        assertThat(task.kind()).isEqualTo(CaseKind.ADVOCACY);
        assertThat(task.task()).isEqualTo("REVIEW");
        assertThat(task.queue()).isEqualTo("advocacy");
        assertThat(task.state()).isEqualTo(CaseState.OPEN);
        assertThat(task.slaDueAt()).isEqualTo(f.clock.instant().plus(InMemoryFollowup.POLICY.advocacySla()));
        assertThat(f.eventTypes(task.caseId())).containsExactly(EventTypes.ADVOCACY_TASK_CREATED);
        assertThat(f.metrics.counted).containsEntry("opened:ADVOCACY:advocacy", 1);
    }

    @Test
    void aTenAsksForAReferral() {
        FollowupCase task = opening.openAdvocacy(InMemoryFollowup.answer("c-1", 10, Map.of("plan", "pro"), f.clock.instant()));

        assertThat(task.task()).isEqualTo("REFERRAL");
    }

    @Test
    void passivesDetractorsAndPromotersOutsideTheRuleGetNoTask() {
        assertThat(opening.openAdvocacy(InMemoryFollowup.answer("c-1", 8, Map.of("plan", "pro"), f.clock.instant()))).isNull();
        assertThat(opening.openAdvocacy(InMemoryFollowup.answer("c-2", 3, Map.of("plan", "pro"), f.clock.instant()))).isNull();
        assertThat(opening.openAdvocacy(InMemoryFollowup.answer("c-3", 10, Map.of("plan", "free"), f.clock.instant()))).isNull();
        assertThat(opening.openAdvocacy(InMemoryFollowup.answer("c-4", 10, Map.of(), f.clock.instant()))).isNull();
        assertThat(f.store.cases).isEmpty();
        assertThat(f.published).isEmpty();
    }

    @Test
    void aDisabledRuleCreatesNoTask() {
        CaseOpening off = f.opening(new AdvocacyRule(false, 9, Map.of(), "advocacy"));

        assertThat(off.openAdvocacy(InMemoryFollowup.answer("c-1", 10, Map.of(), f.clock.instant()))).isNull();
    }

    @Test
    void redeliveredPromoterAnswerCreatesOneTask() {
        var answer = InMemoryFollowup.answer("c-1", 9, Map.of("plan", "pro"), f.clock.instant());

        opening.openAdvocacy(answer);
        opening.openAdvocacy(answer);

        assertThat(f.store.cases).hasSize(1);
        assertThat(f.published).hasSize(1);
    }

    @Test
    void advocacyTaskIsWorkedThroughTheSameStates() {
        FollowupCase task = opening.openAdvocacy(InMemoryFollowup.answer("c-1", 9, Map.of("plan", "pro"), f.clock.instant()));

        f.work.claim(InMemoryFollowup.ADA, task.caseId());
        f.work.recordContact(InMemoryFollowup.ADA, task.caseId(), ContactAttempt.Channel.EMAIL,
                ContactAttempt.Outcome.REACHED, null, "asked for a review");
        FollowupCase resolved = f.work.resolve(InMemoryFollowup.ADA, task.caseId(), "review posted");

        assertThat(resolved.state()).as("advocacy tasks need no root cause").isEqualTo(CaseState.RESOLVED);
    }
}
