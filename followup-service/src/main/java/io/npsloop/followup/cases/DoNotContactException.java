package io.npsloop.followup.cases;

import io.npsloop.contracts.CaseState;

/** An attempt to contact a customer on the do-not-contact list: refused like a state conflict, with its own problem. */
public class DoNotContactException extends CaseConflictException {

    public DoNotContactException(CaseState state, CaseAction action) {
        super(state, action, "The customer is on the do-not-contact list: no contact attempt may be made");
    }
}
