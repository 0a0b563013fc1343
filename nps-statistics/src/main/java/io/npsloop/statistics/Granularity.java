package io.npsloop.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The size of the points of a trend: calendar days, ISO weeks (Monday start) or calendar months. */
public enum Granularity {
    DAY, WEEK, MONTH;

    public DayRange bucketOf(LocalDate day) {
        return switch (this) {
            case DAY -> DayRange.of(day, day);
            case WEEK -> DayRange.isoWeekOf(day);
            case MONTH -> DayRange.monthOf(day);
        };
    }

    /**
     * The consecutive buckets covering the range, the first and last cut to the range, so that a trend
     * from the 10th to the 20th does not count days outside what was asked for.
     */
    public List<DayRange> bucketsOf(DayRange range) {
        List<DayRange> buckets = new ArrayList<>();
        LocalDate day = range.from();
        while (!day.isAfter(range.to())) {
            DayRange bucket = bucketOf(day).clampTo(range);
            buckets.add(bucket);
            day = bucket.to().plusDays(1);
        }
        return buckets;
    }

    /** The first day of the bucket that contains the day. */
    public LocalDate start(LocalDate day) {
        return bucketOf(day).from();
    }

    /** The first day of the bucket after the one that starts on {@code start}. */
    public LocalDate next(LocalDate start) {
        return bucketOf(start).to().plusDays(1);
    }

    public static Granularity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
