package io.npsloop.reporting.reports;

import io.npsloop.statistics.ExperimentPlan;
import io.npsloop.statistics.SignificanceRules;

/**
 * The statistical rules of the reports: the minimum sample size of a figure, the experiment plan
 * (minimum arm size, planned looks) and the minimum number of mentions before a theme's impact is
 * more than "insufficient".
 */
public record ReportRules(SignificanceRules significance, ExperimentPlan experiments, long minimumThemeMentions) {

    public static final ReportRules DEFAULTS = new ReportRules(SignificanceRules.DEFAULTS, ExperimentPlan.DEFAULTS, 30);

    public ReportRules {
        if (minimumThemeMentions < 1) {
            throw new IllegalArgumentException("The minimum theme mentions must be at least 1, got " + minimumThemeMentions);
        }
    }
}
