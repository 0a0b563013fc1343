package io.npsloop.reporting.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** Trend periods: calendar days, ISO weeks (Monday to Sunday) and calendar months. */
public enum Granularity {
    DAY, WEEK, MONTH;

    LocalDate start(LocalDate day) {
        switch (this) {
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            default:
                return day;
        }
    }

    LocalDate next(LocalDate start) {
        switch (this) {
            case WEEK:
                return start.plusWeeks(1);
            case MONTH:
                return start.plusMonths(1);
            default:
                return start.plusDays(1);
        }
    }
}
