package io.npsloop.followup.donotcontact;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A customer follow-up must not contact: why, who put them on the list and when, and the case whose
 * contact attempt did (null when a lead or an admin listed them). The note may hold personal data;
 * erasure clears it.
 */
public record DoNotContactEntry(String customerId, Reason reason, @Nullable String note, String listedBy,
        Instant listedAt, @Nullable String caseId) {

    /** Why the customer is on the list. */
    public enum Reason {
        /** The customer asked not to be contacted (on a call, by mail, in a contact attempt). */
        CUSTOMER_REQUEST,
        /** A legal or regulatory reason: a dispute, a ban on marketing contact. */
        LEGAL,
        /** The account is in a complaint process that owns all contact with the customer. */
        COMPLAINT,
        OTHER
    }

    /** Whether listing again with this reason and note would change nothing. */
    boolean says(Reason otherReason, @Nullable String otherNote) {
        return reason == otherReason && Objects.equals(note, otherNote);
    }
}
