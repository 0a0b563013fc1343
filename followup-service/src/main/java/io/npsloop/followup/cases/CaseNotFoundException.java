package io.npsloop.followup.cases;

/** No case with that id; answered with 404. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String caseId) {
        super("No case " + caseId);
    }
}
