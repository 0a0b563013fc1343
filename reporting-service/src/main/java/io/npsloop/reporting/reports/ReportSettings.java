package io.npsloop.reporting.reports;

import java.util.List;

/**
 * What the reports are configured with: the segment dimensions they show, the theme lexicon, the
 * experiments' control arm and the statistical rules.
 */
public record ReportSettings(List<String> dimensions, ThemeLexicon themes, String controlArm, ReportRules rules) {

    public ReportSettings {
        dimensions = List.copyOf(dimensions);
    }
}
