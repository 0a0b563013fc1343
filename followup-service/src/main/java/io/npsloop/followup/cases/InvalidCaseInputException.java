package io.npsloop.followup.cases;

import java.util.List;

import io.npsloop.contracts.FieldProblem;

/**
 * Input that breaks a rule of the domain (an unknown root cause, "other" without text, a malformed
 * queue name); answered with 400 naming each bad field.
 */
public class InvalidCaseInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidCaseInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    /** Several bad fields at once, so the caller can fix them all in one go; at least one. */
    public InvalidCaseInputException(List<FieldProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).message()
                : String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("An invalid input names at least one field");
        }
        this.problems = List.copyOf(problems);
    }

    /** The first bad field. */
    public String field() {
        return problems.get(0).field();
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
