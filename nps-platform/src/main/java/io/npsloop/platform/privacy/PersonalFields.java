package io.npsloop.platform.privacy;

import java.util.Set;

/**
 * The field names that hold what a customer wrote or how to reach them (contact, comment, note,
 * email, phone and the like), wherever they appear in a document or an event. An erasure sets them
 * to null; so does the pseudonymisation of a record that arrives after the erasure. In a response's
 * {@value #ATTRIBUTES}, a map of names to strings, an attribute so named is dropped instead.
 */
public final class PersonalFields {

    public static final Set<String> NAMES = Set.of("contact", "comment", "note", "notes", "email", "phone",
            "otherRootCause", "otherText", "details");

    /** The free attributes of a response (region, plan...), which a careless source may fill with contact data. */
    public static final String ATTRIBUTES = "attributes";

    private PersonalFields() {
    }

    public static boolean isPersonal(String fieldName) {
        return NAMES.contains(fieldName);
    }
}
