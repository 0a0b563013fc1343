package io.npsloop.reporting.overview;

import java.time.LocalDate;

import io.npsloop.statistics.NpsTally;

/**
 * One segment's tally on one day as last reported by scoring. {@code version} grows with every
 * change scoring makes to that tally; figures can arrive out of order, and the highest version wins.
 */
public record DailyFigure(String dimension, String segment, LocalDate day, NpsTally tally, long version) {
}
