package io.npsloop.followup.cases;

/** Input that breaks a rule of the domain (an unknown root cause, "other" without text); answered with 400 naming the field. */
public class InvalidCaseInputException extends RuntimeException {

    private final String field;

    public InvalidCaseInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
