package io.npsloop.followup.cases;

import java.util.List;

/**
 * Input that breaks a rule of the domain (an unknown root cause, "other" without text, a malformed
 * queue name); answered with 400 naming each bad field.
 */
public class InvalidCaseInputException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidCaseInputException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    /** Several bad fields at once, so the caller can fix them all in one go; at least one. */
    public InvalidCaseInputException(List<Problem> problems) {
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

    public List<Problem> problems() {
        return problems;
    }

    /** One bad field and what is wrong with it. */
    public record Problem(String field, String message) {
    }
}
