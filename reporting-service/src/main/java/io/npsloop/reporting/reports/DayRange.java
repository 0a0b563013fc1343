package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.time.YearMonth;

/** An inclusive range of calendar days in the reporting time zone. */
public record DayRange(LocalDate from, LocalDate to) {

    public static DayRange of(YearMonth month) {
        return new DayRange(month.atDay(1), month.atEndOfMonth());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
