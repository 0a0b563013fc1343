package io.npsloop.ingest.responses.web;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/** The {@code Idempotency-Key} header, for clients without ids, on every submission endpoint. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";

    private IdempotencyKeys() {
    }

    /** The header's rules: visible ASCII, as the header field's draft standard asks, and bounded. */
    public static @Nullable FieldProblem problem(@Nullable String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
            return new FieldProblem(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        return null;
    }

    /** {@code problems} and the header's problem, if it has one. */
    public static List<FieldProblem> withProblemOf(@Nullable String idempotencyKey, List<FieldProblem> problems) {
        List<FieldProblem> all = new ArrayList<>(problems);
        FieldProblem problem = problem(idempotencyKey);
        if (problem != null) {
            all.add(problem);
        }
        return all;
    }

    /** The key of item {@code index} of a batch sent with {@code idempotencyKey}, or null without one. */
    public static @Nullable String ofItem(@Nullable String idempotencyKey, int index) {
        return idempotencyKey == null ? null : idempotencyKey + "#" + index;
    }
}
