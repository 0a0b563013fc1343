package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.statistics.Granularity;
import io.npsloop.statistics.DayRange;

/**
 * The monthly management report: every section for one calendar month, as JSON, or a zip of one
 * CSV per section ({@code format=zip} or {@code csv}, or {@code Accept: application/zip}).
 */
public final class MonthlyReport implements Report<YearMonth, MonthlyReport.Monthly> {

    /** Everything for one calendar month. */
    public record Monthly(YearMonth month, LocalDate from, LocalDate to, Figure nps, DistributionReport.Distribution distribution,
            List<TrendReport.TrendPoint> weeklyTrend, SegmentsReport.Segments segments, FollowupReport.Funnel followup,
            RootCausesReport.RootCauses rootCauses, ExperimentsReport.Experiments experiments,
            RevenueAtRiskReport.RevenueAtRisk revenueAtRisk, ThemesReport.Themes themes, ChurnReport.Churn churn) {
    }

    private final Facts facts;
    private final ReportSettings settings;
    private final DistributionReport distribution;
    private final TrendReport trend;
    private final SegmentsReport segments;
    private final FollowupReport followup;
    private final RootCausesReport rootCauses;
    private final ExperimentsReport experiments;
    private final RevenueAtRiskReport revenueAtRisk;
    private final ThemesReport themes;
    private final ChurnReport churn;

    public MonthlyReport(Facts facts, ReportSettings settings, DistributionReport distribution, TrendReport trend,
            SegmentsReport segments, FollowupReport followup, RootCausesReport rootCauses, ExperimentsReport experiments,
            RevenueAtRiskReport revenueAtRisk, ThemesReport themes, ChurnReport churn) {
        this.facts = facts;
        this.settings = settings;
        this.distribution = distribution;
        this.trend = trend;
        this.segments = segments;
        this.followup = followup;
        this.rootCauses = rootCauses;
        this.experiments = experiments;
        this.revenueAtRisk = revenueAtRisk;
        this.themes = themes;
        this.churn = churn;
    }

    @Override
    public String path() {
        return "monthly";
    }

    @Override
    public List<String> formats() {
        return List.of("json", "csv", "zip");
    }

    @Override
    public YearMonth query(Parameters parameters) {
        return parameters.month();
    }

    @Override
    public Monthly compute(YearMonth month) {
        DayRange range = DayRange.of(month);
        return new Monthly(month, range.from(), range.to(),
                Figure.of(Facts.tally(facts.answersBetween(range)), settings.rules().significance()),
                distribution.compute(range), trend.compute(weekly(range)), segments.compute(range), followup.compute(range),
                rootCauses.compute(new RootCausesReport.Query(range, RootCausesReport.View.CATEGORY)),
                experiments.compute(range), revenueAtRisk.compute(range), themes.compute(month),
                churn.compute(new ChurnReport.Query(range, ChurnReport.View.CATEGORY)));
    }

    /** One CSV per section, each with the rows of that section's own CSV. */
    @Override
    public Export export(YearMonth month, Monthly r) {
        DayRange range = DayRange.of(month);
        Map<String, Export.Table> files = new LinkedHashMap<>();
        files.put("nps.csv", new Export.Table(Figure.class, List.of(r.nps())));
        files.put("distribution.csv", distribution.export(range, r.distribution()));
        files.put("weekly-trend.csv", trend.export(weekly(range), r.weeklyTrend()));
        files.put("segments.csv", segments.export(range, r.segments()));
        files.put("followup.csv", followup.export(range, r.followup()));
        files.put("root-causes.csv", RootCausesReport.table(r.rootCauses(), RootCausesReport.View.CATEGORY));
        files.put("root-causes-by-segment.csv", RootCausesReport.table(r.rootCauses(), RootCausesReport.View.SEGMENT));
        files.put("root-causes-by-month.csv", RootCausesReport.table(r.rootCauses(), RootCausesReport.View.MONTH));
        files.put("experiments.csv", experiments.export(range, r.experiments()));
        files.put("revenue-at-risk.csv", revenueAtRisk.export(range, r.revenueAtRisk()));
        files.put("themes.csv", themes.export(month, r.themes()));
        files.put("churn-by-category.csv", ChurnReport.table(r.churn(), ChurnReport.View.CATEGORY));
        files.put("churn-by-score.csv", ChurnReport.table(r.churn(), ChurnReport.View.SCORE));
        files.put("churn-by-theme.csv", ChurnReport.table(r.churn(), ChurnReport.View.THEME));
        files.put("churn-revenue.csv", ChurnReport.table(r.churn(), ChurnReport.View.REVENUE));
        return new Export.Bundle("nps-report-" + month + ".zip", files);
    }

    private static TrendReport.Query weekly(DayRange range) {
        return new TrendReport.Query(Granularity.WEEK, range, null, null);
    }
}
