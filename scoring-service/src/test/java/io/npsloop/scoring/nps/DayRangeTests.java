package io.npsloop.scoring.nps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import io.npsloop.statistics.DayRange;
import io.npsloop.statistics.Granularity;
import org.junit.jupiter.api.Test;

class DayRangeTests {

    @Test
    void rollingWindowEndsOnItsDayAndCountsItsDays() {
        DayRange thirty = DayRange.rolling(30, LocalDate.of(2026, 3, 31));

        assertThat(thirty).isEqualTo(DayRange.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 31)));
        assertThat(thirty.days()).isEqualTo(30);
        assertThat(RollingWindow.ROLLING_7D.endingOn(LocalDate.of(2026, 3, 1)).from()).isEqualTo(LocalDate.of(2026, 2, 23));
    }

    @Test
    void isoWeekRunsFromMondayToSunday() {
        assertThat(DayRange.isoWeekOf(LocalDate.of(2026, 3, 8))).isEqualTo(DayRange.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 8)));
        assertThat(DayRange.isoWeekOf(LocalDate.of(2026, 3, 9))).isEqualTo(DayRange.of(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 15)));
    }

    @Test
    void isoWeekCrossesTheYearEnd() {
        // 1 January 2026 is a Thursday: its ISO week starts on Monday 29 December 2025.
        assertThat(DayRange.isoWeekOf(LocalDate.of(2026, 1, 1))).isEqualTo(DayRange.of(LocalDate.of(2025, 12, 29), LocalDate.of(2026, 1, 4)));
    }

    @Test
    void monthEndsOnItsLastDayInLeapYears() {
        assertThat(DayRange.monthOf(LocalDate.of(2028, 2, 10))).isEqualTo(DayRange.of(LocalDate.of(2028, 2, 1), LocalDate.of(2028, 2, 29)));
        assertThat(DayRange.monthOf(LocalDate.of(2026, 2, 28)).days()).isEqualTo(28);
        assertThat(DayRange.monthOf(LocalDate.of(2026, 12, 31))).isEqualTo(DayRange.of(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31)));
    }

    @Test
    void quartersAreCalendarQuarters() {
        assertThat(DayRange.quarterOf(LocalDate.of(2026, 3, 31))).isEqualTo(DayRange.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        assertThat(DayRange.quarterOf(LocalDate.of(2026, 4, 1))).isEqualTo(DayRange.of(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)));
        assertThat(DayRange.quarterOf(LocalDate.of(2026, 11, 15))).isEqualTo(DayRange.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
        assertThat(DayRange.quarterOf(LocalDate.of(2028, 2, 29)).days()).isEqualTo(91);
    }

    @Test
    void previousRangeHasTheSameLengthJustBefore() {
        DayRange march = DayRange.monthOf(LocalDate.of(2026, 3, 1));

        assertThat(march.previous()).isEqualTo(DayRange.of(LocalDate.of(2026, 1, 29), LocalDate.of(2026, 2, 28)));
    }

    @Test
    void rangeCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> DayRange.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trendBucketsFollowTheCalendarAndAreCutToTheRange() {
        DayRange range = DayRange.of(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 17));

        assertThat(Granularity.WEEK.bucketsOf(range)).containsExactly(
                DayRange.of(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 8)),
                DayRange.of(LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 15)),
                DayRange.of(LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 17)));
        assertThat(Granularity.DAY.bucketsOf(range)).hasSize(14);
        assertThat(Granularity.MONTH.bucketsOf(DayRange.of(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 3, 1)))).containsExactly(
                DayRange.of(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 31)),
                DayRange.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)),
                DayRange.of(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1)));
    }
}
