package io.npsloop.reporting.insights;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * The shapes of the management views. Every figure carries its n; every NPS its 95% interval
 * ({@code lower}, {@code upper}: the adjusted Wald interval of Rocks 2016, null when n is 0), the
 * plain standard error and margin of error of the first version, and {@code insufficient} (n below
 * the minimum sample size: shown as such, never called significant). Differences that are
 * undefined (against an empty figure) are null, never 0.
 */
public final class Views {

    private Views() {
    }

    /** An NPS figure with its counts and uncertainty. */
    public record Figure(long n, long promoters, long passives, long detractors, double nps, double standardError,
            double marginOfError, @Nullable Double lower, @Nullable Double upper, boolean insufficient) {

        public static Figure of(NpsTally tally, SignificanceRules rules) {
            NpsInterval interval = tally.interval();
            return new Figure(tally.n(), tally.promoters(), tally.passives(), tally.detractors(), tally.nps(),
                    tally.standardError(), tally.marginOfError(), interval == null ? null : interval.lower(),
                    interval == null ? null : interval.upper(), rules.insufficient(tally.n()));
        }
    }

    /**
     * One point of a trend: the period's first and last day (clipped to the asked range), its figure,
     * and its change from the point before ({@code change}, null for the first point and next to an
     * empty one) with the p-value of that change and its Benjamini-Hochberg adjusted p-value over all
     * the changes of the trend. {@code significantChange} (a trend break) needs both points
     * sufficient and the adjusted p-value below 0.05.
     */
    public record TrendPoint(String granularity, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError, @Nullable Double lower,
            @Nullable Double upper, boolean insufficient, @Nullable Double change, @Nullable Double changePValue,
            @Nullable Double changeAdjustedPValue, boolean significantChange) {
    }

    /** How many answers gave each score from 0 to 10. */
    public record ScoreCount(int score, long count) {
    }

    public record Distribution(LocalDate from, LocalDate to, long n, List<ScoreCount> scores) {
    }

    /**
     * One segment against the rest of the population (the responses outside it), see
     * {@link Reports#segments}: {@code differenceFromRest} with its 95% interval, p-value and
     * Benjamini-Hochberg adjusted p-value over every segment of the report. {@code significant}
     * needs the segment and the rest sufficient and the adjusted p-value below 0.05. The rest's
     * figure and the difference are null when the segment is the whole population.
     */
    public record SegmentFigure(String dimension, String segment, long n, long promoters, long passives, long detractors,
            double nps, double standardError, double marginOfError, @Nullable Double lower, @Nullable Double upper,
            boolean insufficient, long restN, @Nullable Double restNps, double differenceFromOverall,
            @Nullable Double differenceFromRest, @Nullable Double differenceMarginOfError, @Nullable Double differenceLower,
            @Nullable Double differenceUpper, @Nullable Double pValue, @Nullable Double adjustedPValue,
            boolean significant) {
    }

    /**
     * {@code multipleComparisons} says in words how the p-values of the segments were adjusted, and
     * {@code minimumSampleSize} below which figures are insufficient.
     */
    public record SegmentReport(LocalDate from, LocalDate to, Figure overall, List<SegmentFigure> segments,
            String multipleComparisons, long minimumSampleSize) {
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

    /**
     * Cost of accepted incentives in one currency and what one conversion cost (null without
     * conversions), with a 95% interval: the total is known, the conversions are the uncertain part,
     * so the bounds are the total over the cases times the upper and the lower Wilson bound of the
     * conversion rate. {@code perConversionUpper} is null when the lower bound is 0 (no bound).
     */
    public record Cost(String currency, BigDecimal total, @Nullable BigDecimal perConversion,
            @Nullable BigDecimal perConversionLower, @Nullable BigDecimal perConversionUpper) {
    }

    /**
     * One arm of one experiment within one root-cause category, with its Wilson 95% interval. Against
     * control: the difference of conversion rates with Newcombe's 95% interval, the z statistic
     * (for reference only), and Fisher's exact two-sided p-value. {@code significant} needs both arms
     * at the minimum arm size ({@code largeEnough}) and p below the report's {@code threshold}; the
     * control arm itself is not tested.
     */
    public record ExperimentArm(String rootCause, String experimentId, String arm, boolean control, long cases,
            long conversions, double conversionRate, double lower95, double upper95, @Nullable Double differenceVsControl,
            @Nullable Double differenceLower95, @Nullable Double differenceUpper95, @Nullable Double z,
            @Nullable Double pValue, boolean largeEnough, boolean significant, List<Cost> costs) {
    }

    /**
     * {@code rule} says in words when an arm is called a winner: {@code minimumArmSize} cases in the
     * arm and in control, and Fisher's p below {@code alpha / plannedLooks / arms compared}.
     */
    public record ExperimentReport(LocalDate from, LocalDate to, String controlArm, List<ExperimentArm> arms,
            long minimumArmSize, int plannedLooks, String rule) {
    }

    /** Account value at risk in one currency, over {@code accounts} accounts. */
    public record RevenueRow(String dimension, String segment, String currency, long accounts, BigDecimal amount) {
    }

    public record RevenueReport(LocalDate from, LocalDate to, List<RevenueRow> total, List<RevenueRow> bySegment) {
    }

    /**
     * A theme in one month: how often it is mentioned overall, among promoters and among detractors,
     * and its impact: the NPS of the answers that mention it minus the NPS of those that do not,
     * two disjoint groups, with the 95% interval and p-value of that difference and the
     * Benjamini-Hochberg adjusted p-value over the themes of the month. {@code npsWithTheme},
     * {@code npsWithoutTheme} and the impact are null when a group is empty; {@code insufficient}
     * is true below the minimum number of mentions, and such a theme is never significant.
     */
    public record ThemeFigure(String theme, YearMonth month, long n, long mentions, long promoters,
            long promoterMentions, double promoterShare, long detractors, long detractorMentions, double detractorShare,
            @Nullable Double npsWithTheme, @Nullable Double npsWithoutTheme, double overallNps, @Nullable Double impact,
            @Nullable Double impactStandardError, @Nullable Double impactMarginOfError, @Nullable Double impactLower,
            @Nullable Double impactUpper, @Nullable Double pValue, @Nullable Double adjustedPValue, boolean insufficient,
            boolean significant) {
    }

    public record ThemeReport(YearMonth month, YearMonth previousMonth, List<ThemeFigure> current,
            List<ThemeFigure> previous, long minimumMentions, String multipleComparisons) {
    }

    /** Everything above for one calendar month. */
    public record MonthlyReport(YearMonth month, LocalDate from, LocalDate to, Figure nps, Distribution distribution,
            List<TrendPoint> weeklyTrend, SegmentReport segments, FollowupReport followup, RootCauseReport rootCauses,
            ExperimentReport experiments, RevenueReport revenueAtRisk, ThemeReport themes) {
    }
}
