package io.npsloop.ingest.imports;

import java.util.List;

import io.npsloop.contracts.FieldProblem;

/**
 * The file as a whole cannot be imported (unknown or missing header columns, a record longer than
 * allowed, text that is not CSV). Thrown before any row is applied when the header is at fault;
 * otherwise {@link #report()} says what was applied before the fault.
 */
public class ImportFileException extends RuntimeException {

    private final List<FieldProblem> problems;
    private final transient ImportReport report;

    public ImportFileException(List<FieldProblem> problems, ImportReport report) {
        super(problems.isEmpty() ? "Invalid file" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
        this.report = report;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public ImportReport report() {
        return report;
    }
}
