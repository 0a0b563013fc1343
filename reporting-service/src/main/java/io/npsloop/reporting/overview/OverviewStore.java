package io.npsloop.reporting.overview;

import java.time.LocalDate;
import java.util.List;

import io.npsloop.statistics.NpsTally;

/**
 * The overview read model. Every write is idempotent per figure and per case event, so replaying
 * the topics, or a batch again with other boundaries, gives the same views.
 */
public interface OverviewStore {

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

    /**
     * Applies openings and status changes in order, as {@link CaseState#fold} does: an opening of
     * a case not known yet records it as open; a change applies to a known case unless a change with
     * the same or a higher sequence was applied.
     */
    void applyCaseStates(List<CaseState> events);

    /** Cases opened by an alert that are now in one of the states. */
    long casesIn(List<String> states);
}
