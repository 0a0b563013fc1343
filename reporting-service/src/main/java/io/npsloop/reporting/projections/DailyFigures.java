package io.npsloop.reporting.projections;

import java.time.LocalDate;
import java.util.List;

import io.npsloop.statistics.NpsTally;

/**
 * The daily figures projection: one tally (and its score counts) per segment and day, as scoring
 * last reported it. Every write is idempotent per figure, so replaying the topic, or a batch again
 * with other boundaries, gives the same views.
 */
public interface DailyFigures {

    /**
     * Keeps each figure unless one with the same or a higher version is already kept, or comes
     * earlier in the list for the same day ({@link DailyFigure#latestPerDay}).
     */
    void saveDailyFigures(List<DailyFigure> figures);

    /** The sum of one segment's kept figures over the inclusive range of days, tally and score counts. */
    DailyTotal total(String dimension, String segment, LocalDate from, LocalDate to);

    /** The tally of {@link #total}. */
    default NpsTally sum(String dimension, String segment, LocalDate from, LocalDate to) {
        return total(dimension, segment, from, to).tally();
    }
}
