package io.npsloop.ingest.responses;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import io.npsloop.contracts.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

/**
 * The one check of a submitted response, whichever way it came (the API's single and batch
 * endpoints, a CSV row, a survey tool's webhook): the bean constraints on {@link ResponseRequest}
 * plus the rules they cannot express ({@link ResponseRequest#ruleProblems}), every problem named by
 * the JSON path a client recognises ({@code contact.email}, {@code attributes[region]}), so the
 * same bad response gets the same answer on every path.
 */
public class ResponseChecks {

    private static final Comparator<FieldProblem> BY_FIELD =
            Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message);

    private final Validator validator;
    private final Clock clock;

    public ResponseChecks(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** Every broken rule of {@code request}, sorted by field; empty when it is valid. */
    public List<FieldProblem> problems(ResponseRequest request) {
        return problems(request, request::ruleProblems);
    }

    /**
     * The bean constraints broken by any request body, named by JSON path, with the rules beyond them
     * at this check's now ({@code ruleProblems}), sorted by field: the one way every intake names what is wrong.
     */
    public <R> List<FieldProblem> problems(R request, Function<Instant, List<FieldProblem>> ruleProblems) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<R> violation : validator.validate(request)) {
            problems.add(new FieldProblem(path(violation.getPropertyPath()), violation.getMessage()));
        }
        problems.addAll(ruleProblems.apply(clock.instant()));
        problems.sort(BY_FIELD);
        return problems;
    }

    /** The domain form of a request that has no {@link #problems}. */
    public NewResponse toNewResponse(ResponseRequest request) {
        return request.toNewResponse();
    }

    /** {@code contact.email}, {@code attributes[region]}: the JSON path a client recognises. */
    static String path(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getKey() != null) {
                    field.append('[').append(node.getKey()).append(']');
                } else if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.isInIterable() && node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            } else if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.isEmpty() ? "(body)" : field.toString();
    }
}
