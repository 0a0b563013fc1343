package io.npsloop.ingest.imports;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.web.ResponseRequest;
import io.npsloop.platform.web.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

/**
 * The rules of {@code POST /api/v1/responses} applied to a response that arrived another way (a CSV
 * row, a survey tool's webhook): the bean-validation annotations of {@link ResponseRequest} plus the
 * rules the API checks by hand ({@link ResponseRequest#ruleProblems}), the same for every path. Building a {@code ResponseRequest} keeps every limit in one place.
 */
public class ResponseChecks {

    private final Validator validator;
    private final Clock clock;

    public ResponseChecks(Validator validator, Clock clock) {
        this.validator = validator;
        this.clock = clock;
    }

    /** Every problem of the request, sorted by field so reports are stable; empty when it is valid. */
    public List<FieldProblem> problems(ResponseRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ConstraintViolation<ResponseRequest> violation : validator.validate(request)) {
            problems.add(new FieldProblem(fieldName(violation), violation.getMessage()));
        }
        problems.addAll(request.ruleProblems(clock.instant()));
        problems.sort(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message));
        return problems;
    }

    /** The domain form of a request that has no {@link #problems}. */
    public NewResponse toNewResponse(ResponseRequest request) {
        return request.toNewResponse();
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // Map keys are reported by Hibernate Validator as "attributes<K>[key].<map key>"; name the key instead.
        String path = violation.getPropertyPath().toString();
        int keyMarker = path.indexOf("<map key>");
        if (keyMarker >= 0) {
            return path.substring(0, keyMarker).replace(".", "");
        }
        return path.replace("<map value>", "").replaceAll("\\.$", "");
    }
}
