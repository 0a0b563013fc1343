package io.npsloop.reporting.reports;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.DayRange;
import io.npsloop.reporting.projections.Answer;
import io.npsloop.statistics.MultipleComparisons;
import io.npsloop.statistics.NpsDifference;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/** Themes of one month and of the month before it. */
public final class ThemesReport implements Report<YearMonth, ThemesReport.Themes> {

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

    public record Themes(YearMonth month, YearMonth previousMonth, List<ThemeFigure> current,
            List<ThemeFigure> previous, long minimumMentions, String multipleComparisons) {
    }

    private final Facts facts;
    private final ThemeLexicon lexicon;
    private final SignificanceRules rules;
    private final long minimumMentions;

    public ThemesReport(Facts facts, ReportSettings settings) {
        this.facts = facts;
        this.lexicon = settings.themes();
        this.rules = settings.rules().significance();
        this.minimumMentions = settings.rules().minimumThemeMentions();
    }

    @Override
    public String path() {
        return "themes";
    }

    @Override
    public YearMonth query(Parameters parameters) {
        return parameters.month();
    }

    @Override
    public Themes compute(YearMonth month) {
        YearMonth previous = month.minusMonths(1);
        return new Themes(month, previous, themesOf(month), themesOf(previous), minimumMentions,
                "Benjamini-Hochberg: the p-values of the themes of one month are adjusted together, controlling the"
                        + " false discovery rate at " + rules.alpha() + "; significant needs the adjusted"
                        + " p-value below it and at least " + minimumMentions + " mentions");
    }

    /** One row per theme of this month, then of the month before. */
    @Override
    public Export.Table export(YearMonth month, Themes view) {
        List<ThemeFigure> rows = new ArrayList<>(view.current());
        rows.addAll(view.previous());
        return new Export.Table(ThemeFigure.class, rows);
    }

    /**
     * Impact = NPS of the answers that mention the theme minus NPS of those that do not. The two
     * groups are disjoint, so, given how many mention it, the difference is one of two independent
     * NPS figures (the variances add; see {@link NpsDifference}). The earlier "overall minus without"
     * counted the theme's answers on both sides and treated their share as known, which left its
     * interval far too narrow.
     */
    List<ThemeFigure> themesOf(YearMonth month) {
        List<Answer> answers = facts.answersBetween(DayRange.of(month));
        NpsTally overall = Facts.tally(answers);
        List<NpsTally> withs = new ArrayList<>();
        List<NpsTally> withouts = new ArrayList<>();
        List<NpsDifference> differences = new ArrayList<>();
        for (String theme : lexicon.themes()) {
            NpsTally with = Facts.tally(answers, a -> lexicon.mentions(theme, a.comment()));
            NpsTally without = overall.minus(with);
            withs.add(with);
            withouts.add(without);
            differences.add(with.compareWith(without));
        }
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochbergOf(differences);
        List<ThemeFigure> figures = new ArrayList<>();
        List<String> themes = List.copyOf(lexicon.themes());
        for (int i = 0; i < themes.size(); i++) {
            NpsTally with = withs.get(i);
            NpsTally without = withouts.get(i);
            NpsDifference d = differences.get(i);
            boolean insufficient = with.n() < minimumMentions;
            boolean significant = !insufficient && rules.significant(with.n(), without.n(), adjusted.get(i));
            figures.add(new ThemeFigure(themes.get(i), month, overall.n(), with.n(), overall.promoters(), with.promoters(),
                    overall.promoters() == 0 ? 0.0 : (double) with.promoters() / overall.promoters(), overall.detractors(),
                    with.detractors(), overall.detractors() == 0 ? 0.0 : (double) with.detractors() / overall.detractors(),
                    with.n() == 0 ? null : with.nps(), without.n() == 0 ? null : without.nps(), overall.nps(),
                    d.difference(), d.standardError(), d.standardError() == null ? null : NpsTally.Z_95 * d.standardError(),
                    d.lower(), d.upper(), d.pValue(), adjusted.get(i), insufficient, significant));
        }
        return figures;
    }
}
