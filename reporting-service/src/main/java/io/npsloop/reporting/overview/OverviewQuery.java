package io.npsloop.reporting.overview;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.NpsTally;

/**
 * Computes the overview from the read model: sums of daily tallies, never averages of daily NPS. The
 * 0-10 distribution of each window comes from the scored responses, since the figures carry no scores.
 */
public class OverviewQuery {

    static final int[] WINDOWS = {7, 30, 90};
    /** A case is open while someone still has to act on it: not resolved, closed or given up as unreachable. */
    static final java.util.List<String> ACTIVE_STATES = java.util.List.of("OPEN", "CLAIMED", "CONTACTED", "ESCALATED", "REOPENED");

    private final OverviewStore store;
    private final Clock clock;
    private final ZoneId zone;
    private final ScoreDistributions distributions;

    public OverviewQuery(OverviewStore store, Clock clock, ZoneId zone, ScoreDistributions distributions) {
        this.distributions = distributions;
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    public Overview overview() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Overview.WindowFigure> figures = new ArrayList<>();
        for (int days : WINDOWS) {
            LocalDate from = today.minusDays(days - 1L);
            NpsTally tally = store.sum("overall", "all", from, today);
            figures.add(new Overview.WindowFigure(days + "d", from, today, tally.n(), tally.promoters(), tally.passives(),
                    tally.detractors(), tally.nps(), tally.standardError(), tally.marginOfError(),
                    distributions.between(from, today)));
        }
        return new Overview(today, figures, store.casesIn(ACTIVE_STATES));
    }
}
