package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.CaseState;
import io.npsloop.reporting.projections.DailyTotal;
import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * The headline view, as of today: sums of daily tallies, never averages of daily NPS. The 0-10
 * distribution of each window is the sum of the daily figures' score counts too, so an overview
 * reads at most 90 small documents per window whatever the number of answers. A window with a day
 * whose figure carried no counts (kept before scoring published them) takes its distribution from
 * the fallback instead, for that request only: an exact figure from the answers rather than a sum
 * that silently misses that day.
 */
public final class OverviewReport implements Report<LocalDate, OverviewReport.Overview> {

    static final int[] WINDOWS = {7, 30, 90};
    /** A case is open while someone still has to act on it: not resolved, closed or given up as unreachable. */
    static final List<String> ACTIVE_STATES = CaseState.active().stream().map(Enum::name).toList();

    /**
     * NPS over rolling 7, 30 and 90 days, each with n, its 95% interval ({@code lower}, {@code upper}:
     * adjusted Wald, null when n is 0), the plain standard error and margin of error,
     * {@code insufficient} (n below the minimum sample size) and the 0-10 distribution
     * ({@code distribution[score]}), and the count of cases someone still has to act on.
     */
    public record Overview(LocalDate asOf, List<WindowFigure> nps, long openCases) {
    }

    public record WindowFigure(String window, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError, @Nullable Double lower,
            @Nullable Double upper, boolean insufficient, List<Long> distribution) {
    }

    private final Facts facts;
    private final ScoreDistributions fallback;
    private final SignificanceRules rules;

    /** {@code fallback} answers the distribution of a window whose daily figures lack some counts. */
    public OverviewReport(Facts facts, ScoreDistributions fallback, ReportSettings settings) {
        this.facts = facts;
        this.fallback = fallback;
        this.rules = settings.rules().significance();
    }

    @Override
    public String path() {
        return "overview";
    }

    @Override
    public LocalDate query(Parameters parameters) {
        return facts.today();
    }

    @Override
    public Overview compute(LocalDate today) {
        List<WindowFigure> figures = new ArrayList<>();
        for (int days : WINDOWS) {
            LocalDate from = today.minusDays(days - 1L);
            DailyTotal total = facts.dailyFigures().total("overall", "all", from, today);
            List<Long> distribution = total.scores() != null ? total.scores() : fallback.between(from, today);
            NpsTally t = total.tally();
            NpsInterval interval = t.interval();
            figures.add(new WindowFigure(days + "d", from, today, t.n(), t.promoters(), t.passives(),
                    t.detractors(), t.nps(), t.standardError(), t.marginOfError(), interval == null ? null : interval.lower(),
                    interval == null ? null : interval.upper(), rules.insufficient(t.n()), distribution));
        }
        return new Overview(today, figures, facts.casesIn(ACTIVE_STATES));
    }

    /** One row per window. */
    @Override
    public Export.Table export(LocalDate today, Overview view) {
        return new Export.Table(WindowFigure.class, view.nps());
    }
}
