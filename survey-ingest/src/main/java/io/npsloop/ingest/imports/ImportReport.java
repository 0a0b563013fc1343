package io.npsloop.ingest.imports;

import java.util.List;

import io.npsloop.contracts.FieldProblem;

/**
 * What an import did, row by row: how many rows were accepted as new, as updates, recognised as
 * copies of responses already accepted, and rejected. {@code rejections} lists the first rejected
 * rows with their line numbers (the header is line 1); {@code rejected} counts all of them.
 */
public record ImportReport(String layout, long rows, long accepted, long updated, long duplicate, long rejected,
        List<Rejection> rejections, boolean rejectionsTruncated) {

    /** One rejected row: its line in the file and every problem found in it. */
    public record Rejection(long line, List<FieldProblem> errors) {
    }
}
