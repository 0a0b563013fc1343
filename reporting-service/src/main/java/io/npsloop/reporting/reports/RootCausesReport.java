package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.AlertFact;
import io.npsloop.reporting.projections.CaseFact;

/**
 * Root-cause Pareto of the cases opened in the range: a case coded with several categories counts
 * once in each, so shares are of mentions. Segments come from the alert the case was opened for.
 * The CSV is one of the three views ({@code view=category}, {@code segment} or {@code month}).
 */
public final class RootCausesReport implements Report<RootCausesReport.Query, RootCausesReport.RootCauses> {

    /** The views the CSV can show. */
    public enum View {
        CATEGORY, SEGMENT, MONTH
    }

    public record Query(DayRange range, View view) {
    }

    public record ParetoRow(String category, long cases, double share, double cumulativeShare) {
    }

    public record SegmentCause(String dimension, String segment, String category, long cases) {
    }

    public record MonthCause(YearMonth month, String category, long cases) {
    }

    /** {@code codedCases} is the number of cases with a root cause; shares are of category mentions. */
    public record RootCauses(LocalDate from, LocalDate to, long codedCases, long mentions,
            List<ParetoRow> byCategory, List<SegmentCause> bySegment, List<MonthCause> byMonth) {
    }

    private final Facts facts;
    private final List<String> dimensions;

    public RootCausesReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.dimensions = settings.dimensions();
    }

    @Override
    public String path() {
        return "root-causes";
    }

    @Override
    public Query query(Parameters parameters) {
        DayRange range = parameters.range();
        View view = parameters.choice("view", View.class, View.CATEGORY);
        return new Query(range, view);
    }

    @Override
    public RootCauses compute(Query query) {
        Map<String, AlertFact> alerts = new HashMap<>();
        for (AlertFact a : facts.alerts()) {
            alerts.put(a.alertId(), a);
        }
        Map<String, Long> byCategory = new TreeMap<>();
        Map<List<String>, Long> bySegment = new HashMap<>();
        Map<List<String>, Long> byMonth = new HashMap<>();
        long coded = 0;
        long mentions = 0;
        for (CaseFact c : facts.casesOpenedBetween(query.range())) {
            if (c.rootCauses().isEmpty()) {
                continue;
            }
            coded++;
            AlertFact alert = c.alertId() == null ? null : alerts.get(c.alertId());
            String month = YearMonth.from(facts.day(Objects.requireNonNull(c.openedAt()))).toString();
            for (String category : new TreeSet<>(c.rootCauses())) {
                mentions++;
                byCategory.merge(category, 1L, Long::sum);
                byMonth.merge(List.of(month, category), 1L, Long::sum);
                if (alert != null) {
                    for (String dimension : dimensions) {
                        String segment = alert.segments().get(dimension);
                        if (segment != null) {
                            bySegment.merge(List.of(dimension, segment, category), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        List<Map.Entry<String, Long>> ordered = new ArrayList<>(byCategory.entrySet());
        ordered.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<ParetoRow> pareto = new ArrayList<>();
        long cumulative = 0;
        for (Map.Entry<String, Long> e : ordered) {
            cumulative += e.getValue();
            pareto.add(new ParetoRow(e.getKey(), e.getValue(), (double) e.getValue() / mentions, (double) cumulative / mentions));
        }
        List<SegmentCause> segments = new ArrayList<>();
        bySegment.forEach((k, v) -> segments.add(new SegmentCause(k.get(0), k.get(1), k.get(2), v)));
        segments.sort(Comparator.comparing((SegmentCause s) -> dimensions.indexOf(s.dimension()))
                .thenComparing(SegmentCause::segment).thenComparing(SegmentCause::cases, Comparator.reverseOrder())
                .thenComparing(SegmentCause::category));
        List<MonthCause> months = new ArrayList<>();
        byMonth.forEach((k, v) -> months.add(new MonthCause(YearMonth.parse(k.get(0)), k.get(1), v)));
        months.sort(Comparator.comparing(MonthCause::month).thenComparing(MonthCause::cases, Comparator.reverseOrder())
                .thenComparing(MonthCause::category));
        return new RootCauses(query.range().from(), query.range().to(), coded, mentions, pareto, segments, months);
    }

    /** The rows of the asked view. */
    @Override
    public Export.Table export(Query query, RootCauses view) {
        return table(view, query.view());
    }

    static Export.Table table(RootCauses report, View view) {
        return switch (view) {
            case SEGMENT -> new Export.Table(SegmentCause.class, report.bySegment());
            case MONTH -> new Export.Table(MonthCause.class, report.byMonth());
            case CATEGORY -> new Export.Table(ParetoRow.class, report.byCategory());
        };
    }
}
