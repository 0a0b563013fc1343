package io.npsloop.reporting.reports;

import java.util.List;

/**
 * One management view at {@code /api/v1/reports/<path>}: it reads its query from the request's
 * parameters (recording every bad one, so the answer names them all), computes its view, and says
 * which rows its CSV has. One HTTP handler serves every report, so a new report is one class
 * implementing this (found by the configuration's scan of this package) and a row in the README.
 *
 * @param <Q> what the view is asked for (a range of days, a month, a range and a granularity)
 * @param <V> the view, answered as JSON
 */
public interface Report<Q, V> {

    /** The formats a report answers in when none is asked, JSON; CSV on request. */
    List<String> TABLE_FORMATS = List.of("json", "csv");

    /** The last segment of the report's address. */
    String path();

    /** The query from the request's parameters; a bad parameter is recorded in {@code parameters} and a default used. */
    Q query(Parameters parameters);

    V compute(Q query);

    /** The view as files: the rows of its CSV, or a bundle of CSV files (the monthly report's zip). */
    Export export(Q query, V view);

    /** The values {@code format} may take. */
    default List<String> formats() {
        return TABLE_FORMATS;
    }
}
