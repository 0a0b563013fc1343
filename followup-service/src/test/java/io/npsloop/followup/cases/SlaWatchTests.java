package io.npsloop.followup.cases;

import java.time.Duration;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;

import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static org.assertj.core.api.Assertions.assertThat;

class SlaWatchTests {

    private final InMemoryFollowup f = new InMemoryFollowup();

    @Test
    void caseWithinItsSlaIsLeftAlone() {
        FollowupCase c = f.open(Severity.NORMAL, "customer-care", Duration.ofHours(2));
        f.clock.advance(Duration.ofHours(1));

        assertThat(f.sla.run()).isZero();
        assertThat(f.store.find(c.caseId())).isEqualTo(c);
    }

    @Test
    void overdueCriticalCaseEscalatesToTheLeadQueueThenToTheExecutiveQueue() {
        FollowupCase c = f.open(Severity.CRITICAL, "customer-care", Duration.ofHours(2));
        f.work.claim(ADA, c.caseId());
        f.clock.advance(Duration.ofHours(3));

        assertThat(f.sla.run()).isEqualTo(1);
        FollowupCase lead = f.store.find(c.caseId());
        assertThat(lead.queue()).isEqualTo("customer-care-lead");
        assertThat(lead.state()).isEqualTo(CaseState.ESCALATED);
        assertThat(lead.escalationLevel()).isEqualTo(1);
        assertThat(lead.claimedBy()).as("the claim ends with the escalation").isNull();
        assertThat(lead.slaDueAt()).isEqualTo(f.clock.instant().plus(InMemoryFollowup.POLICY.escalationSla()));
        assertThat(lead.overdue()).as("a fresh SLA in the new queue").isFalse();
        assertThat(lead.audit().get(lead.audit().size() - 1))
                .satisfies(a -> {
                    assertThat(a.who()).isEqualTo("system");
                    assertThat(a.what()).isEqualTo("ESCALATE");
                    assertThat(a.details()).contains("customer-care -> customer-care-lead");
                });

        f.clock.advance(Duration.ofHours(5));
        assertThat(f.sla.run()).isEqualTo(1);
        FollowupCase executive = f.store.find(c.caseId());
        assertThat(executive.queue()).isEqualTo("executive");
        assertThat(executive.escalationLevel()).isEqualTo(2);

        // Both escalations are published, the second although the state stays ESCALATED.
        assertThat(f.events(c.caseId(), EventTypes.CASE_STATUS_CHANGED))
                .map(e -> (CaseStatusChanged) e.payload())
                .filteredOn(e -> e.reason() != null && e.reason().startsWith(SlaWatch.ESCALATED))
                .extracting(CaseStatusChanged::queue, CaseStatusChanged::toState)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("customer-care-lead", "ESCALATED"),
                        org.assertj.core.groups.Tuple.tuple("executive", "ESCALATED"));
        assertThat(f.metrics.counted).containsEntry("escalated:lead", 1).containsEntry("escalated:executive", 1);
    }

    @Test
    void overdueNormalCaseStopsAtTheLeadQueueAndIsMarkedOverdueOnceAndPublished() {
        FollowupCase c = f.open(Severity.NORMAL, "customer-care", Duration.ofHours(2));
        f.clock.advance(Duration.ofHours(3));
        f.sla.run();
        f.clock.advance(Duration.ofHours(5));

        assertThat(f.sla.run()).isEqualTo(1);
        FollowupCase marked = f.store.find(c.caseId());
        assertThat(marked.queue()).isEqualTo("customer-care-lead");
        assertThat(marked.overdue()).isTrue();
        assertThat(marked.audit().get(marked.audit().size() - 1).what()).isEqualTo("MARK_OVERDUE");
        assertThat(f.events(c.caseId(), EventTypes.CASE_STATUS_CHANGED)).last()
                .extracting(e -> ((CaseStatusChanged) e.payload()).reason()).isEqualTo(SlaWatch.OVERDUE);

        f.clock.advance(Duration.ofHours(1));
        int published = f.published.size();
        assertThat(f.sla.run()).as("marked once").isZero();
        assertThat(f.published).hasSize(published);
        assertThat(f.metrics.counted).doesNotContainKey("escalated:executive");
    }

    @Test
    void overdueCaseAlreadyInTheExecutiveQueueIsMarkedOverdue() {
        FollowupCase c = f.open(Severity.CRITICAL, "executive", Duration.ofHours(1));
        f.clock.advance(Duration.ofHours(2));

        assertThat(f.sla.run()).isEqualTo(1);
        FollowupCase marked = f.store.find(c.caseId());
        assertThat(marked.queue()).isEqualTo("executive");
        assertThat(marked.state()).isEqualTo(CaseState.OPEN);
        assertThat(marked.overdue()).isTrue();
    }

    @Test
    void reachingTheCustomerClearsTheOverdueMarkAndEndsTheWatch() {
        FollowupCase c = f.open(Severity.CRITICAL, "executive", Duration.ofHours(1));
        f.clock.advance(Duration.ofHours(2));
        f.sla.run();
        f.work.claim(ADA, c.caseId());
        f.work.recordContact(ADA, c.caseId(), ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.NO_ANSWER, null, null);
        assertThat(f.store.find(c.caseId()).overdue()).as("a failed attempt does not meet the SLA").isTrue();

        f.work.recordContact(ADA, c.caseId(), ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.REACHED, null, null);
        assertThat(f.store.find(c.caseId()).overdue()).isFalse();

        f.clock.advance(Duration.ofHours(10));
        assertThat(f.sla.run()).isZero();
        assertThat(f.store.find(c.caseId()).overdue()).isFalse();
    }

    @Test
    void resolvedCasesAreNotWatched() {
        FollowupCase c = f.open(Severity.CRITICAL, "customer-care", Duration.ofHours(1));
        f.work.claim(ADA, c.caseId());
        f.work.recordContact(ADA, c.caseId(), ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.REACHED, null, null);
        f.work.codeRootCauses(ADA, c.caseId(), java.util.List.of("price"), null);
        f.work.resolve(ADA, c.caseId(), null);
        f.clock.advance(Duration.ofDays(3));

        assertThat(f.sla.run()).isZero();
    }
}
