package io.npsloop.ingest.responses.web;

import io.npsloop.contracts.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The JSON path of the value a parser error is about, as {@code contact.email} or {@code attributes[0]}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The problem a client is told of a value the parser could not take: an unknown field, or a value of the wrong type or form. */
    public static FieldProblem problem(JacksonException e) {
        return new FieldProblem(of(e), e instanceof UnrecognizedPropertyException ? "unknown field" : "wrong type or form");
    }

    public static String of(JacksonException e) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }
}
