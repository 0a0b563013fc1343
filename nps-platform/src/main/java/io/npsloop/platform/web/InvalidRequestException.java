package io.npsloop.platform.web;

import java.util.List;

import io.npsloop.contracts.FieldProblem;

/**
 * A request that is well-formed but breaks a rule that bean validation cannot express (for
 * example a date range whose end precedes its start). Answered with 400 and every bad field.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "Invalid request" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
