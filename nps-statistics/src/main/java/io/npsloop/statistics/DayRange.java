package io.npsloop.statistics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.stream.Stream;

/**
 * An inclusive range of calendar days (in the time zone of the service that reads it). Inclusive on
 * both ends because every figure is a sum of whole daily tallies: "the 30 days ending today" is
 * today and the 29 days before it, and a calendar month is its first to its last day. Scoring's and
 * reporting's periods are this one type.
 */
public record DayRange(LocalDate from, LocalDate to) {

    public DayRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("A range ends on or after its start: " + from + ".." + to);
        }
    }

    public static DayRange of(LocalDate from, LocalDate to) {
        return new DayRange(from, to);
    }

    /** The {@code days} days ending on {@code end}, end included. */
    public static DayRange rolling(int days, LocalDate end) {
        if (days < 1) {
            throw new IllegalArgumentException("A rolling window has at least one day, got " + days);
        }
        return new DayRange(end.minusDays(days - 1L), end);
    }

    /** The ISO week (Monday to Sunday) that contains the day. */
    public static DayRange isoWeekOf(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new DayRange(monday, monday.plusDays(6));
    }

    public static DayRange of(YearMonth month) {
        return new DayRange(month.atDay(1), month.atEndOfMonth());
    }

    public static DayRange monthOf(LocalDate day) {
        return new DayRange(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
    }

    /** The calendar quarter (January-March, April-June...) that contains the day. */
    public static DayRange quarterOf(LocalDate day) {
        LocalDate first = day.with(IsoFields.DAY_OF_QUARTER, 1);
        return new DayRange(first, first.plusMonths(3).minusDays(1));
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Every day of the range, in order. */
    public Stream<LocalDate> eachDay() {
        return from.datesUntil(to.plusDays(1));
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The same number of days immediately before this range: "the previous 30 days". */
    public DayRange previous() {
        return new DayRange(from.minusDays(days()), from.minusDays(1));
    }

    /** The part of this range that is inside {@code other}. */
    public DayRange clampTo(DayRange other) {
        LocalDate start = from.isBefore(other.from) ? other.from : from;
        LocalDate end = to.isAfter(other.to) ? other.to : to;
        return new DayRange(start, end);
    }
}
