package io.npsloop.ingest.apikeys;

import java.util.List;

import io.npsloop.contracts.FieldProblem;

/** A request for a key that breaks rules; every broken one is named. */
public class ApiKeyProblemsException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ApiKeyProblemsException(List<FieldProblem> problems) {
        super(problems.size() + " problems with a request for a key");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
