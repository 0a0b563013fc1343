package io.npsloop.ingest.apikeys.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.apikeys.ApiKeyRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code POST /api/v1/admin/api-keys} field by field, so that unknown fields and
 * values of the wrong type are named all together and next to the broken rules, where binding to a
 * record would stop at the first. A value of the wrong type is read as absent, and the rules' own
 * problem for that field (such as "is required") is left out: the type is what the admin must fix.
 */
final class ApiKeyRequestJson {

    private static final Set<String> FIELDS = Set.of("name", "source", "scopes", "rateLimit");
    private static final Set<String> RATE_FIELDS = Set.of("permits", "period");

    private ApiKeyRequestJson() {
    }

    /** The request as sent, and every problem with it. */
    record Read(ApiKeyRequest request, List<FieldProblem> problems) {
    }

    static Read read(@Nullable JsonNode body) {
        List<FieldProblem> wrongForm = new ArrayList<>();
        ApiKeyRequest request;
        if (body == null || !body.isObject()) {
            wrongForm.add(new FieldProblem("(body)", "must be a JSON object"));
            request = new ApiKeyRequest(null, null, null, null);
        } else {
            unknownFields(body, "", FIELDS, wrongForm);
            request = new ApiKeyRequest(text(body, "name", "name", wrongForm), text(body, "source", "source", wrongForm),
                    scopes(body, wrongForm), rate(body, wrongForm));
        }
        List<FieldProblem> problems = new ArrayList<>(wrongForm);
        for (FieldProblem problem : request.problems()) {
            if (wrongForm.stream().noneMatch(named -> covers(named.field(), problem.field()))) {
                problems.add(problem);
            }
        }
        return new Read(request, problems);
    }

    private static boolean covers(String named, String field) {
        return named.equals("(body)") || named.equals(field) || field.startsWith(named + ".") || field.startsWith(named + "[");
    }

    private static void unknownFields(JsonNode object, String prefix, Set<String> known, List<FieldProblem> problems) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!known.contains(field.getKey())) {
                problems.add(new FieldProblem(prefix + field.getKey(), "unknown field"));
            }
        }
    }

    private static @Nullable String text(JsonNode object, String field, String path, List<FieldProblem> problems) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(new FieldProblem(path, "must be a string"));
            return null;
        }
        return value.asString();
    }

    private static @Nullable List<@Nullable String> scopes(JsonNode body, List<FieldProblem> problems) {
        JsonNode value = body.get("scopes");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(new FieldProblem("scopes", "must be an array of strings"));
            return null;
        }
        List<@Nullable String> scopes = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode scope = value.get(i);
            if (scope.isString()) {
                scopes.add(scope.asString());
            } else {
                problems.add(new FieldProblem("scopes[" + i + "]", "must be a string"));
                scopes.add(null);
            }
        }
        return scopes;
    }

    private static ApiKeyRequest.@Nullable Rate rate(JsonNode body, List<FieldProblem> problems) {
        JsonNode value = body.get("rateLimit");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problems.add(new FieldProblem("rateLimit", "must be an object {permits, period}"));
            return null;
        }
        unknownFields(value, "rateLimit.", RATE_FIELDS, problems);
        Integer permits = null;
        JsonNode permitsValue = value.get("permits");
        if (permitsValue != null && !permitsValue.isNull()) {
            if (permitsValue.isIntegralNumber() && permitsValue.canConvertToInt()) {
                permits = permitsValue.intValue();
            } else {
                problems.add(new FieldProblem("rateLimit.permits", "must be a whole number"));
            }
        }
        return new ApiKeyRequest.Rate(permits, text(value, "period", "rateLimit.period", problems));
    }
}
