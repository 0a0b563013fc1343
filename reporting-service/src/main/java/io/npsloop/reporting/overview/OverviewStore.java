package io.npsloop.reporting.overview;

import java.time.LocalDate;

import io.npsloop.statistics.NpsTally;

/** The overview read model. Every write is idempotent, so replaying the topics gives the same views. */
public interface OverviewStore {

    /** Keeps the figure unless one with the same or a higher version is already kept. */
    void saveDailyFigure(DailyFigure figure);

    NpsTally sum(String dimension, String segment, LocalDate from, LocalDate to);

    /** Records a case as open, unless it is known already. */
    void caseOpened(String caseId, String queue);

    /** Applies a state change unless a change with the same or a higher sequence was applied. */
    void caseStateChanged(String caseId, String queue, long sequence, String state);

    /** Cases opened by an alert that are now in one of the states. */
    long casesIn(java.util.List<String> states);
}
