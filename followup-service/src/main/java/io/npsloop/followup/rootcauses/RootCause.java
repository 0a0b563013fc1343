package io.npsloop.followup.rootcauses;

/** A category of the root-cause taxonomy. Deactivated categories stay on old cases but cannot be coded. */
public record RootCause(String id, String name, boolean active) {

    public static final String OTHER = "other";
}
