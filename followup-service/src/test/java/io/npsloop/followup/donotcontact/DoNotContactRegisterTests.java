package io.npsloop.followup.donotcontact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DoNotContactRegisterTests {

    private static final Instant MONDAY = Instant.parse("2025-03-03T09:00:00Z");

    private final InMemoryDoNotContactList list = new InMemoryDoNotContactList();

    private DoNotContactRegister at(Instant now) {
        return new DoNotContactRegister(list, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void listingAgainWithTheSameReasonAndNoteKeepsTheEntryAsItWas() {
        DoNotContactEntry first = at(MONDAY).list("c-1", "LEGAL", " dispute ", "lin");
        DoNotContactEntry again = at(MONDAY.plus(Duration.ofDays(1))).list("c-1", "LEGAL", "dispute", "ines");

        assertThat(first).isEqualTo(new DoNotContactEntry("c-1", DoNotContactEntry.Reason.LEGAL, "dispute", "lin", MONDAY, null));
        assertThat(again).isEqualTo(first);
        assertThat(list.find("c-1")).contains(first);
    }

    @Test
    void aNewReasonOrNoteReplacesTheEntry() {
        at(MONDAY).list("c-1", "LEGAL", null, "lin");
        DoNotContactEntry replaced = at(MONDAY.plusSeconds(60)).list("c-1", "COMPLAINT", "  ", "ines");

        assertThat(replaced).isEqualTo(new DoNotContactEntry("c-1", DoNotContactEntry.Reason.COMPLAINT, null, "ines",
                MONDAY.plusSeconds(60), null));
    }

    @Test
    void aCustomersRequestInAContactAttemptNamesTheAgentAndTheCase() {
        assertThat(at(MONDAY).listOnRequest("c-1", "ada", "case-1")).isEqualTo(new DoNotContactEntry("c-1",
                DoNotContactEntry.Reason.CUSTOMER_REQUEST, null, "ada", MONDAY, "case-1"));
        assertThat(at(MONDAY).listed(List.of("c-1", "c-2"))).containsExactly("c-1");
    }

    @Test
    void removingIsTheSameWhetherTheCustomerWasListedOrNot() {
        at(MONDAY).list("c-1", "OTHER", null, "lin");

        assertThat(at(MONDAY).remove("c-1")).isTrue();
        assertThat(at(MONDAY).remove("c-1")).isFalse();
        assertThat(at(MONDAY).listed("c-1")).isFalse();
    }

    @Test
    void aListingNamesEveryBadFieldAtOnce() {
        assertThat(DoNotContactRegister.check("c-1", "CUSTOMER_REQUEST", null)).isEmpty();
        assertThat(DoNotContactRegister.check("c\u0000-1", "PLEASE", "x".repeat(501)))
                .extracting(FieldProblem::field).containsExactly("customerId", "reason", "note");
        assertThat(DoNotContactRegister.check("x".repeat(256), null, null))
                .extracting(FieldProblem::field).containsExactly("customerId", "reason");
    }
}
