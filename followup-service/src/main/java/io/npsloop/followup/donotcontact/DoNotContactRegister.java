package io.npsloop.followup.donotcontact;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Puts customers on the do-not-contact list and takes them off. Listing is idempotent: listing a
 * customer again with the same reason and note keeps the entry as it is (who and when included); a
 * new reason or note replaces it.
 */
public final class DoNotContactRegister {

    /** The longest customer id the list takes, as the services that send them name customers. */
    static final int MAX_CUSTOMER_ID = 255;
    static final int MAX_NOTE = 500;

    private final DoNotContactList list;
    private final Clock clock;

    public DoNotContactRegister(DoNotContactList list, Clock clock) {
        this.list = list;
        this.clock = clock;
    }

    /** What a listing must name, every broken rule at once: a customer id and a reason; the note is optional. */
    public static List<FieldProblem> check(String customerId, @Nullable String reason, @Nullable String note) {
        List<FieldProblem> violations = new ArrayList<>();
        if (customerId.isBlank() || customerId.length() > MAX_CUSTOMER_ID || customerId.chars().anyMatch(Character::isISOControl)) {
            violations.add(new FieldProblem("customerId", "1-" + MAX_CUSTOMER_ID + " characters, no control characters"));
        }
        if (reason == null) {
            violations.add(new FieldProblem("reason", "required, one of " + List.of(DoNotContactEntry.Reason.values())));
        } else if (reasonOf(reason) == null) {
            violations.add(new FieldProblem("reason", "unknown reason " + reason + ", one of "
                    + List.of(DoNotContactEntry.Reason.values())));
        }
        if (note != null && note.length() > MAX_NOTE) {
            violations.add(new FieldProblem("note", "at most " + MAX_NOTE + " characters"));
        }
        return violations;
    }

    static DoNotContactEntry.@Nullable Reason reasonOf(String reason) {
        for (DoNotContactEntry.Reason known : DoNotContactEntry.Reason.values()) {
            if (known.name().equals(reason)) {
                return known;
            }
        }
        return null;
    }

    /** Lists the customer as a lead or an admin asked, with input {@link #check} found nothing wrong with. */
    public DoNotContactEntry list(String customerId, String reason, @Nullable String note, String by) {
        return list(customerId, Objects.requireNonNull(reasonOf(reason)), note, by, null);
    }

    /** Lists the customer who asked, in a contact attempt of the case, not to be contacted again. */
    public DoNotContactEntry listOnRequest(String customerId, String agent, String caseId) {
        return list(customerId, DoNotContactEntry.Reason.CUSTOMER_REQUEST, null, agent, caseId);
    }

    private DoNotContactEntry list(String customerId, DoNotContactEntry.Reason reason, @Nullable String note, String by,
            @Nullable String caseId) {
        String stripped = note == null || note.isBlank() ? null : note.strip();
        Optional<DoNotContactEntry> current = list.find(customerId);
        if (current.isPresent() && current.get().says(reason, stripped)) {
            return current.get();
        }
        // The store keeps milliseconds: the first answer says what every later read will.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        DoNotContactEntry entry = new DoNotContactEntry(customerId, reason, stripped, by, now, caseId);
        list.save(entry);
        return entry;
    }

    public boolean remove(String customerId) {
        return list.remove(customerId);
    }

    public Optional<DoNotContactEntry> find(String customerId) {
        return list.find(customerId);
    }

    public boolean listed(String customerId) {
        return list.find(customerId).isPresent();
    }

    public Set<String> listed(Collection<String> customerIds) {
        return customerIds.isEmpty() ? Set.of() : list.listed(customerIds);
    }
}
