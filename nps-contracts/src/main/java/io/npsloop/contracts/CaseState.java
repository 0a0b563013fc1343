package io.npsloop.contracts;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a follow-up case, as followup-service's transition table moves a case through them
 * and as {@code CaseStatusChanged} names them ({@code fromState}, {@code toState}); reporting reads
 * them from there. Every case starts {@link #OPEN}; it is active while someone still has to reach
 * the customer or work the case.
 */
public enum CaseState {
    OPEN, CLAIMED, CONTACTED, RESOLVED, CLOSED, UNREACHABLE, ESCALATED, REOPENED;

    private static final Set<CaseState> ACTIVE = EnumSet.of(OPEN, CLAIMED, CONTACTED, ESCALATED, REOPENED);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /** The active states, in declaration order. */
    public static Set<CaseState> active() {
        return EnumSet.copyOf(ACTIVE);
    }
}
