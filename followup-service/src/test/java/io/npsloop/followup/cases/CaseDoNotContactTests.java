package io.npsloop.followup.cases;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Severity;
import io.npsloop.followup.donotcontact.DoNotContactEntry;
import org.junit.jupiter.api.Test;

import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the do-not-contact list does to cases: the outcome that fills it, the attempts it refuses, the tasks it prevents. */
class CaseDoNotContactTests {

    private final InMemoryFollowup f = new InMemoryFollowup();
    private final AdvocacyRule promoters = new AdvocacyRule(true, 9, Map.of(), "advocacy");

    @Test
    void aCustomerWhoAsksNotToBeContactedWasReachedAndIsListed() {
        FollowupCase opened = f.open(Severity.HIGH, "executive", Duration.ofHours(8));
        f.work.claim(ADA, opened.caseId());

        FollowupCase contacted = f.work.recordContact(ADA, opened.caseId(), ContactAttempt.Channel.PHONE,
                ContactAttempt.Outcome.DO_NOT_CONTACT, null, "please stop calling");

        assertThat(contacted.state()).isEqualTo(CaseState.CONTACTED);
        assertThat(f.doNotContact.find(opened.customerId())).contains(new DoNotContactEntry(opened.customerId(),
                DoNotContactEntry.Reason.CUSTOMER_REQUEST, null, "ada", f.clock.instant(), opened.caseId()));
        // The event names the outcome as it was: the customer reached and asked not to be contacted again.
        assertThat(f.events(opened.caseId(), EventTypes.CONTACT_ATTEMPTED)).singleElement()
                .satisfies(e -> assertThat(((ContactAttempted) e.payload()).outcome()).isEqualTo("DO_NOT_CONTACT"))
                .satisfies(e -> assertThat(((ContactAttempted) e.payload()).firstContact()).isTrue());
    }

    @Test
    void noContactAttemptIsMadeOnACaseOfAListedCustomerAndNothingChanges() {
        FollowupCase opened = f.open(Severity.HIGH, "executive", Duration.ofHours(8));
        f.work.claim(ADA, opened.caseId());
        f.doNotContact.list(opened.customerId(), "LEGAL", null, "lin");
        FollowupCase before = f.store.find(opened.caseId());

        for (ContactAttempt.Outcome outcome : List.of(ContactAttempt.Outcome.REACHED, ContactAttempt.Outcome.NO_ANSWER)) {
            assertThatThrownBy(() -> f.work.recordContact(ADA, opened.caseId(), ContactAttempt.Channel.EMAIL, outcome,
                    null, null))
                    .isInstanceOfSatisfying(DoNotContactException.class, e -> {
                        assertThat(e.state()).isEqualTo(CaseState.CLAIMED);
                        assertThat(e.getMessage()).contains("do-not-contact list");
                    });
        }
        assertThat(f.store.find(opened.caseId())).isEqualTo(before);
    }

    @Test
    void aListedDetractorStillGetsACaseButAListedPromoterNoAdvocacyTask() {
        f.doNotContact.list("c-listed", "CUSTOMER_REQUEST", null, "lin");
        LoopClosure closure = f.closure(promoters);

        closure.answeredAll(List.of(InMemoryFollowup.answer("c-listed", 10, Map.of(), f.clock.instant()),
                InMemoryFollowup.answer("c-free", 10, Map.of(), f.clock.instant())));

        assertThat(f.store.cases.values()).extracting(FollowupCase::customerId).containsExactly("c-free");
        assertThat(f.opening(promoters).openAdvocacy(InMemoryFollowup.answer("c-listed", 9, Map.of(), f.clock.instant())))
                .isNull();
        DetractorAlertRaised alert = f.alert(Severity.HIGH, "executive", Duration.ofHours(8));
        f.doNotContact.list(alert.customerId(), "OTHER", null, "lin");
        assertThat(f.opening(promoters).open(alert).state()).isEqualTo(CaseState.OPEN);
    }

    /** A case nobody may work to contact neither waits nor escalates for ever: it is closed without contact, and never escalated. */
    @Test
    void anUncontactedCaseOfAListedCustomerIsClosedWithoutContactAndNeverEscalated() {
        FollowupCase opened = f.open(Severity.HIGH, "executive", Duration.ofHours(8));
        f.work.claim(ADA, opened.caseId());
        assertThatThrownBy(() -> f.work.close(ADA, opened.caseId(), null)).as("not listed: a claimed case is not closed")
                .isInstanceOf(CaseConflictException.class);
        f.doNotContact.list(opened.customerId(), "LEGAL", null, "lin");

        f.clock.advance(Duration.ofHours(9));
        assertThat(f.sla.run()).as("no first-contact SLA for a customer nobody may contact").isZero();

        FollowupCase closed = f.work.close(ADA, opened.caseId(), "asked via their lawyer");
        assertThat(closed.state()).isEqualTo(CaseState.CLOSED);
        assertThat(closed.audit().get(closed.audit().size() - 1)).satisfies(entry -> {
            assertThat(entry.what()).isEqualTo("WITHDRAW");
            assertThat(entry.details()).contains("do-not-contact list").contains("asked via their lawyer");
        });
        assertThat(f.events(opened.caseId(), EventTypes.CASE_STATUS_CHANGED)).last()
                .satisfies(e -> assertThat(((io.npsloop.contracts.CaseStatusChanged) e.payload()).toState()).isEqualTo("CLOSED"));
    }
}
