package io.npsloop.followup.cases;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One line of a case's audit trail: who did what when, and the state before and after. */
public record AuditEntry(String who, String what, Instant when, String fromState, String toState,
        @Nullable String details) {
}
