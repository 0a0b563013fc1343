package io.npsloop.scoring.nps;

import java.time.LocalDate;

import io.npsloop.statistics.DayRange;

/** The rolling windows published on the metrics topic, named as the contract's {@code period} values. */
public enum RollingWindow {
    ROLLING_7D(7), ROLLING_30D(30), ROLLING_90D(90);

    private final int days;

    RollingWindow(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    public DayRange endingOn(LocalDate day) {
        return DayRange.rolling(days, day);
    }

    /** The longest window, which bounds the one read that serves all of them. */
    public static RollingWindow longest() {
        return ROLLING_90D;
    }
}
