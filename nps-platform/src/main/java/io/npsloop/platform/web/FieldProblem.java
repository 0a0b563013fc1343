package io.npsloop.platform.web;

/** One bad field of a request and why it is bad; {@code field} is a JSON path such as {@code contact.email}. */
public record FieldProblem(String field, String message) {
}
