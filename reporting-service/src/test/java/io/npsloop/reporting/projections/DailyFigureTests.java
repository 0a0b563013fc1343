package io.npsloop.reporting.projections;

import java.time.LocalDate;
import java.util.List;

import io.npsloop.statistics.NpsTally;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DailyFigureTests {

    static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    static DailyFigure figure(String segment, LocalDate day, long promoters, long version) {
        return new DailyFigure("region", segment, day, new NpsTally(promoters, 0, 0), version);
    }

    @Test
    void aLowerVersionAfterAHigherOneOfTheSameDayIsIgnored() {
        DailyFigure newer = figure("north", DAY, 7, 5);
        DailyFigure older = figure("north", DAY, 3, 4);

        assertThat(DailyFigure.latestPerDay(List.of(newer, older))).containsExactly(newer);
        assertThat(DailyFigure.latestPerDay(List.of(older, newer))).containsExactly(newer);
    }

    @Test
    void ofEqualVersionsTheFirstIsKeptAsStoringThemOneByOneWould() {
        DailyFigure first = figure("north", DAY, 7, 5);

        assertThat(DailyFigure.latestPerDay(List.of(first, figure("north", DAY, 9, 5)))).containsExactly(first);
    }

    @Test
    void eachSegmentAndDayKeepsItsOwnFigure() {
        DailyFigure north = figure("north", DAY, 1, 1);
        DailyFigure south = figure("south", DAY, 2, 1);
        DailyFigure nextDay = figure("north", DAY.plusDays(1), 3, 1);

        assertThat(DailyFigure.latestPerDay(List.of(north, south, nextDay))).containsExactly(north, south, nextDay);
    }
}
