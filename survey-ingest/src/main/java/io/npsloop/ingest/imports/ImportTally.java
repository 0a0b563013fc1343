package io.npsloop.ingest.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.IntakeResult;

/** Running counts of one import; keeps at most {@code maxListed} rejections so memory stays bounded. */
final class ImportTally {

    private final int maxListed;
    private final List<ImportReport.Rejection> rejections = new ArrayList<>();
    private long rows;
    private long accepted;
    private long updated;
    private long duplicate;
    private long rejected;

    ImportTally(int maxListed) {
        this.maxListed = maxListed;
    }

    void count(IntakeResult.Status status) {
        rows++;
        switch (status) {
            case ACCEPTED -> accepted++;
            case UPDATED -> updated++;
            case DUPLICATE -> duplicate++;
        }
    }

    void reject(long line, List<FieldProblem> problems) {
        rows++;
        rejected++;
        if (rejections.size() < maxListed) {
            rejections.add(new ImportReport.Rejection(line, List.copyOf(problems)));
        }
    }

    long rows() {
        return rows;
    }

    ImportReport report(String layout) {
        // Rows refused by the intake are known a chunk later than rows that fail the checks.
        List<ImportReport.Rejection> byLine = new ArrayList<>(rejections);
        byLine.sort(Comparator.comparingLong(ImportReport.Rejection::line));
        return new ImportReport(layout, rows, accepted, updated, duplicate, rejected, List.copyOf(byLine),
                rejected > rejections.size());
    }
}
