package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.npsloop.statistics.Granularity;
import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.NpsDifference;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * NPS per period, every period in the range present (n = 0 when empty), optionally within one
 * segment. Each point is compared with the one before it; the p-values of all those changes are
 * adjusted together (Benjamini-Hochberg), since a trend shows them all at once.
 */
public final class TrendReport implements Report<TrendReport.Query, List<TrendReport.TrendPoint>> {

    /** {@code dimension} and {@code segment} are both null (all answers) or both set. */
    public record Query(Granularity granularity, DayRange range, @Nullable String dimension, @Nullable String segment) {
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

    private final Facts facts;
    private final List<String> dimensions;
    private final SignificanceRules rules;

    public TrendReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.dimensions = settings.dimensions();
        this.rules = settings.rules().significance();
    }

    @Override
    public String path() {
        return "trend";
    }

    @Override
    public Query query(Parameters parameters) {
        Granularity granularity = Granularity.DAY;
        String g = parameters.get("granularity");
        if (g != null) {
            try {
                granularity = Granularity.valueOf(g.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                parameters.problem("granularity", "must be day, week or month");
            }
        }
        DayRange range = parameters.range();
        String dimension = parameters.get("dimension");
        String segment = parameters.get("segment");
        if ((dimension == null) != (segment == null)) {
            parameters.problem(dimension == null ? "dimension" : "segment", "dimension and segment go together");
        } else if (dimension != null && !dimensions.contains(dimension)) {
            // The projection keeps every attribute a source sent, which may include contact data: only the
            // configured dimensions are reportable, or a trend by any attribute would single out a customer.
            parameters.problem("dimension", "must be one of the configured dimensions: " + String.join(", ", dimensions));
        }
        return new Query(granularity, range, dimension, segment);
    }

    @Override
    public List<TrendPoint> compute(Query query) {
        Granularity granularity = query.granularity();
        LocalDate from = query.range().from();
        LocalDate to = query.range().to();
        Map<LocalDate, NpsTally> byStart = new TreeMap<>();
        for (Answer a : facts.answersBetween(query.range())) {
            if (query.dimension() != null && !Objects.equals(a.segments().get(query.dimension()), query.segment())) {
                continue;
            }
            byStart.merge(granularity.start(facts.day(a.occurredAt())), NpsTally.of(a.category()), NpsTally::plus);
        }
        List<LocalDate[]> periods = new ArrayList<>();
        List<NpsTally> tallies = new ArrayList<>();
        for (LocalDate start = granularity.start(from); !start.isAfter(to); start = granularity.next(start)) {
            LocalDate first = start.isBefore(from) ? from : start;
            LocalDate last = granularity.next(start).minusDays(1);
            periods.add(new LocalDate[] {first, last.isAfter(to) ? to : last});
            tallies.add(byStart.getOrDefault(start, NpsTally.EMPTY));
        }
        List<NpsDifference> changes = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            changes.add(i == 0 ? NpsDifference.UNDEFINED : tallies.get(i).compareWith(tallies.get(i - 1)));
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(changes);
        String name = granularity.name().toLowerCase(Locale.ROOT);
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            NpsTally t = tallies.get(i);
            Figure f = Figure.of(t, rules);
            NpsDifference change = changes.get(i);
            boolean significant = i > 0 && rules.significant(t.n(), tallies.get(i - 1).n(), adjusted.get(i));
            points.add(new TrendPoint(name, periods.get(i)[0], periods.get(i)[1], f.n(), f.promoters(), f.passives(),
                    f.detractors(), f.nps(), f.standardError(), f.marginOfError(), f.lower(), f.upper(), f.insufficient(),
                    change.difference(), change.pValue(), adjusted.get(i), significant));
        }
        return points;
    }

    /** One row per period. */
    @Override
    public Export.Table export(Query query, List<TrendPoint> view) {
        return new Export.Table(TrendPoint.class, view);
    }
}
