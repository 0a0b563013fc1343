package io.npsloop.followup.cases;

/**
 * What can be done to a case; {@link CaseTransitions} says in which states and to which state.
 * {@code ASSIGN} (a claim made by a team lead for a named agent) and {@code TRANSFER} (a move to
 * another queue) are team leads' actions. {@code WITHDRAW} closes, without contact, a case whose
 * customer is on the do-not-contact list ({@link CaseWork#close} decides).
 */
public enum CaseAction {
    CLAIM, RELEASE, CONTACT_REACHED, CONTACT_FAILED, GIVE_UP, CODE_ROOT_CAUSE, OFFER_INCENTIVE, RESOLVE, CLOSE,
    REOPEN, ESCALATE, REQUEST_RESURVEY, ASSIGN, TRANSFER, WITHDRAW
}
