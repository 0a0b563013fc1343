package io.npsloop.ingest.imports;

/**
 * The broker could not take a row, so the import stopped there. Rows before it are on the topic;
 * sending the same file again is safe because the intake recognises them as duplicates.
 */
public class ImportInterruptedException extends RuntimeException {

    private final transient ImportReport report;
    private final long line;

    public ImportInterruptedException(ImportReport report, long line, RuntimeException cause) {
        super("Import stopped at line " + line + ": " + cause.getMessage(), cause);
        this.report = report;
        this.line = line;
    }

    public ImportReport report() {
        return report;
    }

    /** The first line that was not applied. */
    public long line() {
        return line;
    }
}
