package io.npsloop.reporting.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;

/** The shapes of the management views. Every figure carries its n; every NPS its standard error and margin of error. */
public final class Views {

    private Views() {
    }

    /** An NPS figure with its counts and uncertainty. */
    public record Figure(long n, long promoters, long passives, long detractors, double nps, double standardError,
            double marginOfError) {

        public static Figure of(NpsTally tally) {
            return new Figure(tally.n(), tally.promoters(), tally.passives(), tally.detractors(), tally.nps(),
                    tally.standardError(), tally.marginOfError());
        }
    }

    /** One point of a trend: the period's first and last day (clipped to the asked range) and its figure. */
    public record TrendPoint(String granularity, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError) {

        static TrendPoint of(String granularity, LocalDate from, LocalDate to, NpsTally tally) {
            Figure f = Figure.of(tally);
            return new TrendPoint(granularity, from, to, f.n(), f.promoters(), f.passives(), f.detractors(), f.nps(),
                    f.standardError(), f.marginOfError());
        }
    }

    /** How many answers gave each score from 0 to 10. */
    public record ScoreCount(int score, long count) {
    }

    public record Distribution(LocalDate from, LocalDate to, long n, List<ScoreCount> scores) {
    }

    /**
     * One segment against the overall figure. {@code significant} compares the segment with the rest
     * of the population (the responses outside it), see {@link Reports#segments}.
     */
    public record SegmentFigure(String dimension, String segment, long n, long promoters, long passives, long detractors,
            double nps, double standardError, double marginOfError, long restN, double restNps,
            double differenceFromOverall, double differenceFromRest, double differenceMarginOfError,
            boolean significant) {
    }

    public record SegmentReport(LocalDate from, LocalDate to, Figure overall, List<SegmentFigure> segments) {
    }

    /**
     * One row of the follow-up funnel, for a team (queue) or an owner (agent). Alerts belong to
     * queues, not to agents, so {@code alerts} is null on owner rows. Times are in seconds.
     */
    public record FunnelRow(String group, String key, @Nullable Long alerts, long cases, long contacted, long resolved,
            long resurveyed, long convertedToPassive, long convertedToPromoter, @Nullable Long medianSecondsToFirstContact,
            @Nullable Long p90SecondsToFirstContact, long slaDue, long slaMet, double slaCompliance) {
    }

    public record FollowupReport(LocalDate from, LocalDate to, FunnelRow total, List<FunnelRow> byTeam,
            List<FunnelRow> byOwner) {
    }

    public record ParetoRow(String category, long cases, double share, double cumulativeShare) {
    }

    public record SegmentCause(String dimension, String segment, String category, long cases) {
    }

    public record MonthCause(YearMonth month, String category, long cases) {
    }

    /** {@code codedCases} is the number of cases with a root cause; shares are of category mentions. */
    public record RootCauseReport(LocalDate from, LocalDate to, long codedCases, long mentions,
            List<ParetoRow> byCategory, List<SegmentCause> bySegment, List<MonthCause> byMonth) {
    }

    /** Cost of accepted incentives in one currency and what one conversion cost (null without conversions). */
    public record Cost(String currency, BigDecimal total, @Nullable BigDecimal perConversion) {
    }

    /**
     * One arm of one experiment within one root-cause category. The test against control is the
     * pooled two-proportion z-test (two-sided, 5%); the control arm itself is not tested.
     */
    public record ExperimentArm(String rootCause, String experimentId, String arm, boolean control, long cases,
            long conversions, double conversionRate, double lower95, double upper95, @Nullable Double differenceVsControl,
            @Nullable Double z, @Nullable Double pValue, boolean significant, List<Cost> costs) {
    }

    public record ExperimentReport(LocalDate from, LocalDate to, String controlArm, List<ExperimentArm> arms) {
    }

    /** Account value at risk in one currency, over {@code accounts} accounts. */
    public record RevenueRow(String dimension, String segment, String currency, long accounts, BigDecimal amount) {
    }

    public record RevenueReport(LocalDate from, LocalDate to, List<RevenueRow> total, List<RevenueRow> bySegment) {
    }

    /**
     * A theme in one month: how often it is mentioned overall, among promoters and among detractors,
     * and its impact on NPS (overall NPS minus NPS of the answers without it) with its standard error.
     */
    public record ThemeFigure(String theme, YearMonth month, long n, long mentions, long promoters,
            long promoterMentions, double promoterShare, long detractors, long detractorMentions, double detractorShare,
            double npsWithTheme, double npsWithoutTheme, double overallNps, double impact, double impactStandardError,
            double impactMarginOfError) {
    }

    public record ThemeReport(YearMonth month, YearMonth previousMonth, List<ThemeFigure> current,
            List<ThemeFigure> previous) {
    }

    /** Everything above for one calendar month. */
    public record MonthlyReport(YearMonth month, LocalDate from, LocalDate to, Figure nps, Distribution distribution,
            List<TrendPoint> weeklyTrend, SegmentReport segments, FollowupReport followup, RootCauseReport rootCauses,
            ExperimentReport experiments, RevenueReport revenueAtRisk, ThemeReport themes) {
    }
}
