package io.npsloop.followup.cases;

/** Where a follow-up case stands. Every case starts {@link #OPEN}. */
public enum CaseState {
    OPEN, CLAIMED, CONTACTED, RESOLVED, CLOSED, UNREACHABLE, ESCALATED, REOPENED
}
