package io.npsloop.reporting.reports;

import java.util.List;

/**
 * What the reports are configured with: the segment dimensions they show, the theme lexicon, the
 * experiments' control arm, the statistical rules and how churn is read.
 */
public record ReportSettings(List<String> dimensions, ThemeLexicon themes, String controlArm, ReportRules rules,
        ChurnRules churn) {

    public ReportSettings {
        dimensions = List.copyOf(dimensions);
    }

    /** With the default churn rules. */
    public ReportSettings(List<String> dimensions, ThemeLexicon themes, String controlArm, ReportRules rules) {
        this(dimensions, themes, controlArm, rules, ChurnRules.DEFAULTS);
    }
}
