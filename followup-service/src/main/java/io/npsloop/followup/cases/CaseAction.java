package io.npsloop.followup.cases;

/** What can be done to a case; {@link CaseTransitions} says in which states and to which state. */
public enum CaseAction {
    CLAIM, RELEASE, CONTACT_REACHED, CONTACT_FAILED, GIVE_UP, CODE_ROOT_CAUSE, OFFER_INCENTIVE, RESOLVE, CLOSE,
    REOPEN, ESCALATE, REQUEST_RESURVEY
}
