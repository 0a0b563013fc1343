package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.NpsDifference;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * Segments of every configured dimension. A segment is part of the overall population, so testing
 * it against the overall figure would compare a sample with itself; it is tested against the rest
 * (the answers outside it), two independent samples, with {@link NpsTally#compareWith}. Every
 * segment of every dimension is shown at once, so their p-values are adjusted together
 * (Benjamini-Hochberg): with 21 segments and no real difference, testing each at 5% would paint
 * one or more red most of the time.
 */
public final class SegmentsReport implements Report<DayRange, SegmentsReport.Segments> {

    /**
     * One segment against the rest of the population (the responses outside it):
     * {@code differenceFromRest} with its 95% interval, p-value and Benjamini-Hochberg adjusted
     * p-value over every segment of the report. {@code significant} needs the segment and the rest
     * sufficient and the adjusted p-value below 0.05. The rest's figure and the difference are null
     * when the segment is the whole population.
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
    public record Segments(LocalDate from, LocalDate to, Figure overall, List<SegmentFigure> segments,
            String multipleComparisons, long minimumSampleSize) {
    }

    private final Facts facts;
    private final List<String> dimensions;
    private final SignificanceRules rules;

    public SegmentsReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.dimensions = settings.dimensions();
        this.rules = settings.rules().significance();
    }

    @Override
    public String path() {
        return "segments";
    }

    @Override
    public DayRange query(Parameters parameters) {
        return parameters.range();
    }

    @Override
    public Segments compute(DayRange range) {
        List<Answer> answers = facts.answersBetween(range);
        NpsTally overall = Facts.tally(answers);
        List<String[]> keys = new ArrayList<>();
        List<NpsTally> segmentTallies = new ArrayList<>();
        List<NpsTally> restTallies = new ArrayList<>();
        List<NpsDifference> differences = new ArrayList<>();
        for (String dimension : dimensions) {
            bySegment(answers, dimension, Integer.MAX_VALUE).forEach((segment, t) -> {
                NpsTally rest = overall.minus(t);
                keys.add(new String[] {dimension, segment});
                segmentTallies.add(t);
                restTallies.add(rest);
                differences.add(t.compareWith(rest));
            });
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(differences);
        List<SegmentFigure> figures = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            NpsTally t = segmentTallies.get(i);
            NpsTally rest = restTallies.get(i);
            NpsDifference c = differences.get(i);
            Figure f = Figure.of(t, rules);
            figures.add(new SegmentFigure(keys.get(i)[0], keys.get(i)[1], t.n(), t.promoters(), t.passives(),
                    t.detractors(), t.nps(), t.standardError(), t.marginOfError(), f.lower(), f.upper(), f.insufficient(),
                    rest.n(), rest.n() == 0 ? null : rest.nps(), t.nps() - overall.nps(), c.difference(),
                    c.standardError() == null ? null : NpsTally.Z_95 * c.standardError(), c.lower(), c.upper(),
                    c.pValue(), adjusted.get(i), rules.significant(t.n(), rest.n(), adjusted.get(i))));
        }
        String adjustment = "Benjamini-Hochberg: the p-values of the " + adjusted.stream().filter(Objects::nonNull).count()
                + " segment-vs-rest comparisons are adjusted together, controlling the false discovery rate at "
                + rules.alpha() + "; significant needs the adjusted p-value below it and at least "
                + rules.minimumSampleSize() + " answers in the segment and in the rest";
        return new Segments(range.from(), range.to(), Figure.of(overall, rules), figures, adjustment, rules.minimumSampleSize());
    }

    /** One row per segment. */
    @Override
    public Export.Table export(DayRange range, Segments view) {
        return new Export.Table(SegmentFigure.class, view.segments());
    }

    /** The figure of every configured segment over the last {@code days} days, for the gauges. */
    public Map<List<String>, NpsTally> tallies(int days, int maxSegmentsPerDimension) {
        LocalDate to = facts.today();
        List<Answer> answers = facts.answersBetween(new DayRange(to.minusDays(days - 1L), to));
        Map<List<String>, NpsTally> tallies = new LinkedHashMap<>();
        tallies.put(List.of("overall", "all"), Facts.tally(answers));
        for (String dimension : dimensions) {
            bySegment(answers, dimension, maxSegmentsPerDimension).forEach((segment, t) -> tallies.put(List.of(dimension, segment), t));
        }
        return tallies;
    }

    /** The tally of each value of a dimension, in value order; values beyond the first {@code max} seen are left out. */
    private static Map<String, NpsTally> bySegment(List<Answer> answers, String dimension, int max) {
        Map<String, NpsTally> bySegment = new TreeMap<>();
        for (Answer a : answers) {
            String value = a.segments().get(dimension);
            if (value != null && (bySegment.containsKey(value) || bySegment.size() < max)) {
                bySegment.merge(value, NpsTally.of(a.category()), NpsTally::plus);
            }
        }
        return bySegment;
    }

    public SignificanceRules rules() {
        return rules;
    }
}
