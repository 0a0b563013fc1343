package io.npsloop.reporting.overview;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;

/**
 * Computes the overview from the read model: sums of daily tallies, never averages of daily NPS. The
 * 0-10 distribution of each window is the sum of the daily figures' score counts too, so an overview
 * reads at most 90 small documents per window whatever the number of answers. A window with a day
 * whose figure carried no counts (kept before scoring published them) takes its distribution from
 * the fallback instead, for that request only: an exact figure from the answers rather than a sum
 * that silently misses that day.
 */
public class OverviewQuery {

    static final int[] WINDOWS = {7, 30, 90};
    /** A case is open while someone still has to act on it: not resolved, closed or given up as unreachable. */
    static final List<String> ACTIVE_STATES = List.of("OPEN", "CLAIMED", "CONTACTED", "ESCALATED", "REOPENED");

    private final OverviewStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final ScoreDistributions fallback;
    private final SignificanceRules rules;

    /** {@code fallback} answers the distribution of a window whose daily figures lack some counts. */
    public OverviewQuery(OverviewStore store, Clock clock, ZoneId zone, ScoreDistributions fallback) {
        this(store, clock, zone, fallback, SignificanceRules.DEFAULTS);
    }

    public OverviewQuery(OverviewStore store, Clock clock, ZoneId zone, ScoreDistributions fallback,
            SignificanceRules rules) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.fallback = fallback;
        this.rules = rules;
    }

    public Overview overview() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Overview.WindowFigure> figures = new ArrayList<>();
        for (int days : WINDOWS) {
            LocalDate from = today.minusDays(days - 1L);
            DailyTotal total = store.total("overall", "all", from, today);
            List<Long> distribution = total.scores() != null ? total.scores() : fallback.between(from, today);
            NpsTally t = total.tally();
            NpsInterval interval = t.interval();
            figures.add(new Overview.WindowFigure(days + "d", from, today, t.n(), t.promoters(), t.passives(),
                    t.detractors(), t.nps(), t.standardError(), t.marginOfError(), interval == null ? null : interval.lower(),
                    interval == null ? null : interval.upper(), rules.insufficient(t.n()), distribution));
        }
        return new Overview(today, figures, store.casesIn(ACTIVE_STATES));
    }
}
