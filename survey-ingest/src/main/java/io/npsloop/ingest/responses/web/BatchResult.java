package io.npsloop.ingest.responses.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/** The answer to a batch: counts per status and a result per item, in the order sent. */
record BatchResult(int accepted, int updated, int duplicate, int rejected, int unavailable, List<ItemResult> results) {

    static final String REJECTED = "rejected";
    /** Not published because the broker was unreachable; retry the item. */
    static final String UNAVAILABLE = "unavailable";

    static BatchResult of(List<ItemResult> results) {
        return new BatchResult(count(results, "accepted"), count(results, "updated"), count(results, "duplicate"),
                count(results, REJECTED), count(results, UNAVAILABLE), List.copyOf(results));
    }

    private static int count(List<ItemResult> results, String status) {
        return (int) results.stream().filter(result -> result.status().equals(status)).count();
    }
}

/** One item's outcome: accepted, updated, duplicate, rejected (with its errors) or unavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ItemResult(int index, @Nullable String responseId, String status, @Nullable List<FieldProblem> errors) {

    static ItemResult of(int index, @Nullable String responseId, String status) {
        return new ItemResult(index, responseId, status, null);
    }

    static ItemResult rejected(int index, @Nullable String responseId, List<FieldProblem> errors) {
        return new ItemResult(index, responseId, BatchResult.REJECTED, List.copyOf(errors));
    }
}
