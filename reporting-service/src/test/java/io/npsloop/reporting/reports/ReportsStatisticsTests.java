package io.npsloop.reporting.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.npsloop.statistics.Granularity;
import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.reporting.InMemoryProjections;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.reporting.projections.CaseFact;
import io.npsloop.reporting.reports.ExperimentsReport.ExperimentArm;
import io.npsloop.reporting.reports.SegmentsReport.SegmentFigure;
import io.npsloop.reporting.reports.ThemesReport.ThemeFigure;
import io.npsloop.reporting.reports.TrendReport.TrendPoint;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The statistical rules of the reports, on a read model held in memory. */
class ReportsStatisticsTests {

    static final Instant NOW = Instant.parse("2026-10-28T12:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-10-28");

    final InMemoryProjections model = new InMemoryProjections();
    final Facts facts = model.facts(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    final ReportSettings settings = new ReportSettings(List.of("region"),
            new ThemeLexicon(Map.of("price", List.of("price"), "support", List.of("support"))), "control", ReportRules.DEFAULTS);

    @Test
    void segmentsAreTestedAgainstTheRestWithAdjustedPValuesAndSmallOnesAreInsufficient() {
        answers("north", 60, 20, 20, null);
        answers("south", 20, 20, 60, null);
        answers("east", 30, 30, 30, null);
        answers("tiny", 5, 0, 0, null);

        var report = new SegmentsReport(facts, settings).compute(new DayRange(TODAY.minusDays(6), TODAY));

        assertThat(report.multipleComparisons()).contains("Benjamini-Hochberg").contains("4 segment-vs-rest comparisons");
        List<@Nullable Double> raw = report.segments().stream().map(SegmentFigure::pValue).toList();
        assertThat(report.segments()).extracting(SegmentFigure::adjustedPValue)
                .containsExactlyElementsOf(MultipleComparisons.benjaminiHochberg(raw));
        SegmentFigure north = segment(report.segments(), "north");
        assertThat(north.significant()).isTrue();
        assertThat(north.differenceLower()).isPositive();
        SegmentFigure tiny = segment(report.segments(), "tiny");
        assertThat(tiny.insufficient()).isTrue();
        assertThat(tiny.significant()).isFalse();
        assertThat(tiny.lower()).isLessThan(tiny.upper());
    }

    @Test
    void aSegmentThatIsTheWholePopulationHasNoRestToDifferFrom() {
        answers("north", 40, 0, 0, null);

        SegmentFigure north = new SegmentsReport(facts, settings).compute(new DayRange(TODAY.minusDays(6), TODAY)).segments().get(0);

        assertThat(north.restN()).isZero();
        assertThat(north.restNps()).isNull();
        assertThat(north.differenceFromRest()).isNull();
        assertThat(north.pValue()).isNull();
        assertThat(north.significant()).isFalse();
    }

    @Test
    void trendChangesAreNullAtTheStartAndNextToAnEmptyPeriod() {
        answers("north", 10, 10, 10, null);

        List<TrendPoint> trend = new TrendReport(facts, settings).compute(new TrendReport.Query(Granularity.DAY, new DayRange(TODAY.minusDays(2), TODAY), null, null));

        assertThat(trend).hasSize(3);
        assertThat(trend.get(0).change()).isNull();
        assertThat(trend.get(1).n()).isZero();
        assertThat(trend.get(1).lower()).isNull();
        assertThat(trend.get(1).insufficient()).isTrue();
        assertThat(trend.get(2).change()).isNull();
        assertThat(trend).noneMatch(TrendPoint::significantChange);
    }

    @Test
    void aWeekOnWeekJumpOnLargeWeeksIsATrendBreak() {
        answersOn(TODAY.minusDays(1), "north", 20, 30, 50);
        answersOn(TODAY, "north", 70, 20, 10);

        List<TrendPoint> trend = new TrendReport(facts, settings).compute(new TrendReport.Query(Granularity.DAY, new DayRange(TODAY.minusDays(1), TODAY), null, null));

        assertThat(trend.get(1).change()).isCloseTo(90.0, within(1e-9));
        assertThat(trend.get(1).changeAdjustedPValue()).isLessThan(0.001);
        assertThat(trend.get(1).significantChange()).isTrue();
    }

    @Test
    void twoOfTwoAgainstNoneOfTwoNamesNoWinner() {
        arm("control", 2, 0, null);
        arm("free-month", 2, 2, new Money(new BigDecimal("10.00"), "EUR"));

        ExperimentArm treated = experimentArm("free-month");

        assertThat(treated.pValue()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(treated.largeEnough()).isFalse();
        assertThat(treated.significant()).isFalse();
        assertThat(treated.differenceVsControl()).isEqualTo(1.0);
        assertThat(treated.differenceLower95()).isLessThan(1.0);
        assertThat(new ExperimentsReport(facts, settings).compute(new DayRange(TODAY.minusDays(6), TODAY)).rule()).contains("Fisher").contains("30 cases");
    }

    @Test
    void aClearWinnerAtPlannedSizeIsSignificantAndItsCostPerConversionHasAnInterval() {
        arm("control", 40, 5, null);
        arm("free-month", 40, 30, new Money(new BigDecimal("10.00"), "EUR"));

        ExperimentArm treated = experimentArm("free-month");

        assertThat(treated.largeEnough()).isTrue();
        assertThat(treated.pValue()).isLessThan(0.01);
        assertThat(treated.significant()).isTrue();
        ExperimentsReport.Cost cost = treated.costs().get(0);
        // 40 accepted offers of 10.00 = 400.00 for 30 conversions; Wilson 30/40 is 0.5980 to 0.8581.
        assertThat(cost.perConversion()).isEqualByComparingTo("13.33");
        assertThat(cost.perConversionLower()).isEqualByComparingTo("11.65");
        assertThat(cost.perConversionUpper()).isEqualByComparingTo("16.72");
    }

    @Test
    void themeImpactIsTheNpsWithTheThemeMinusWithoutAndFewMentionsAreInsufficient() {
        answers("north", 10, 10, 40, "the price is too high");
        answers("north", 50, 20, 10, "fine");

        List<ThemeFigure> themes = new ThemesReport(facts, settings).compute(YearMonth.from(TODAY)).current();

        ThemeFigure price = themes.stream().filter(t -> t.theme().equals("price")).findFirst().orElseThrow();
        NpsTally with = new NpsTally(10, 10, 40);
        NpsTally without = new NpsTally(50, 20, 10);
        assertThat(price.impact()).isCloseTo(with.nps() - without.nps(), within(1e-9));
        assertThat(price.impactLower()).isLessThan(price.impact()).isGreaterThan(-200);
        assertThat(price.insufficient()).isFalse();
        assertThat(price.significant()).isTrue();
        ThemeFigure support = themes.stream().filter(t -> t.theme().equals("support")).findFirst().orElseThrow();
        assertThat(support.mentions()).isZero();
        assertThat(support.impact()).isNull();
        assertThat(support.npsWithTheme()).isNull();
        assertThat(support.insufficient()).isTrue();
        assertThat(support.significant()).isFalse();
    }

    private ExperimentArm experimentArm(String arm) {
        return new ExperimentsReport(facts, settings).compute(new DayRange(TODAY.minusDays(6), TODAY)).arms().stream().filter(a -> a.arm().equals(arm)).findFirst()
                .orElseThrow();
    }

    private static SegmentFigure segment(List<SegmentFigure> segments, String name) {
        return segments.stream().filter(s -> s.segment().equals(name)).findFirst().orElseThrow();
    }

    private void answers(String region, int promoters, int passives, int detractors, @Nullable String comment) {
        answersOn(TODAY, region, promoters, passives, detractors, comment);
    }

    private void answersOn(LocalDate day, String region, int promoters, int passives, int detractors) {
        answersOn(day, region, promoters, passives, detractors, null);
    }

    private void answersOn(LocalDate day, String region, int promoters, int passives, int detractors, @Nullable String comment) {
        Instant at = day.atTime(9, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < promoters + passives + detractors; i++) {
            Category category = i < promoters ? Category.PROMOTER : i < promoters + passives ? Category.PASSIVE : Category.DETRACTOR;
            int score = category == Category.PROMOTER ? 10 : category == Category.PASSIVE ? 8 : 3;
            String id = "r-" + model.answers.size();
            model.answers.add(new Answer("survey|" + id, id, "c-" + id, null, at, score, category, comment,
                    Map.of("region", region), null));
        }
    }

    private void arm(String arm, int cases, int conversions, @Nullable Money cost) {
        for (int i = 0; i < cases; i++) {
            String id = arm + "-" + i;
            model.cases.add(new CaseFact(id, null, null, "team", null, NOW.minusSeconds(3600), null, null, true, "CLOSED",
                    List.of(), i < conversions ? Category.PROMOTER : Category.DETRACTOR,
                    new CaseFact.Experiment("delivery-incentives", arm, "delivery", cost, cost == null ? null : true), 1));
        }
    }
}
