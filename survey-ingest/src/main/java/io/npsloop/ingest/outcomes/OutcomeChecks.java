package io.npsloop.ingest.outcomes;

import java.util.List;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.ResponseChecks;

/**
 * The one check of a posted outcome, on the single, batch and CSV paths alike: the bean constraints
 * of {@link OutcomeRequest} and its {@link OutcomeRequest#ruleProblems}, named by JSON path by the
 * responses' check, so both name fields alike.
 */
public class OutcomeChecks {

    private final ResponseChecks checks;

    public OutcomeChecks(ResponseChecks checks) {
        this.checks = checks;
    }

    /** Every broken rule of {@code request}, sorted by field; empty when it is valid. */
    public List<FieldProblem> problems(OutcomeRequest request) {
        return checks.problems(request, request::ruleProblems);
    }
}
