package io.npsloop.reporting;

import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.npsloop.reporting.reports.ChurnRules;
import io.npsloop.reporting.reports.ReportRules;
import io.npsloop.statistics.ExperimentPlan;
import io.npsloop.statistics.SignificanceRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports read the calendar, which segments they show and how themes and experiments are read.
 *
 * @param timeZone the zone whose days "today", the windows and the trend periods follow; keep it equal to scoring's
 * @param dimensions the segment dimensions shown in segment views, revenue at risk and gauges (response attributes,
 *        or {@code channel} / {@code touchpoint})
 * @param themes the theme lexicon: theme name to keywords in any language, matched case-insensitively after NFKC
 * @param controlArm the experiment arm every other arm is tested against
 * @param gaugeRefresh how often the Prometheus NPS gauges are recomputed
 * @param gaugeMaxSegments at most this many segments per dimension become gauges, to bound cardinality
 * @param minimumSampleSize below this many answers a figure is {@code insufficient} and never called significant
 * @param minimumArmSize no experiment arm is called different from control before it and control have this many cases
 * @param plannedLooks the looks at an experiment its error rate is spent over (each look tests at 0.05 / looks)
 * @param minimumThemeMentions below this many mentions a theme's impact is {@code insufficient}
 * @param churn how churn is read from the customers' outcomes
 */
@ConfigurationProperties("nps.reporting")
public record ReportingProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"region", "product", "channel", "touchpoint", "plan"}) List<String> dimensions,
        @DefaultValue Map<String, List<String>> themes,
        @DefaultValue("control") String controlArm,
        @DefaultValue("1m") Duration gaugeRefresh,
        @DefaultValue("20") int gaugeMaxSegments,
        @DefaultValue("30") long minimumSampleSize,
        @DefaultValue("30") long minimumArmSize,
        @DefaultValue("5") int plannedLooks,
        @DefaultValue("30") long minimumThemeMentions,
        @DefaultValue Churn churn) {

    /**
     * @param window how far before a period's start a customer's answers count (category, score, themes)
     * @param minimumCustomers below this many customers a group's churn rate is {@code insufficient}
     * @param minimumOutcomes revenue at risk uses a category's observed cancellation rate from this many customers on
     * @param modelPeriod the outcomes up to today that the published churn model ({@code nps.churn-risk.v1}) counts
     * @param publishInterval how often the churn model is published when its figures changed
     */
    public record Churn(@DefaultValue("3m") Period window, @DefaultValue("30") long minimumCustomers,
            @DefaultValue("30") long minimumOutcomes, @DefaultValue("3m") Period modelPeriod,
            @DefaultValue("PT15M") Duration publishInterval) {
    }

    public ChurnRules churnRules() {
        return new ChurnRules(churn.window(), churn.minimumCustomers(), churn.minimumOutcomes());
    }

    public ReportRules reportRules() {
        return new ReportRules(new SignificanceRules(minimumSampleSize, SignificanceRules.DEFAULT_ALPHA),
                new ExperimentPlan(minimumArmSize, plannedLooks, SignificanceRules.DEFAULT_ALPHA), minimumThemeMentions);
    }
}
