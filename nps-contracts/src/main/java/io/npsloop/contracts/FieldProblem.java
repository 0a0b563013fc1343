package io.npsloop.contracts;

/**
 * One bad field of a request and why it is bad; {@code field} is a JSON path such as
 * {@code contact.email} or {@code when.maxScore}. Every service's checks name what is wrong this
 * way, and every problem+json answer lists them as {@code errors: [{field, message}]}.
 */
public record FieldProblem(String field, String message) {
}
