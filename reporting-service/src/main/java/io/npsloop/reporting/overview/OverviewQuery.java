package io.npsloop.reporting.overview;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.NpsTally;

/** Computes the overview from the read model: sums of daily tallies, never averages of daily NPS. */
public class OverviewQuery {

    static final int[] WINDOWS = {7, 30, 90};
    static final String[] CLOSED_STATES = {"CLOSED"};

    private final OverviewStore store;
    private final Clock clock;
    private final ZoneId zone;

    public OverviewQuery(OverviewStore store, Clock clock, ZoneId zone) {
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
                    tally.detractors(), tally.nps(), tally.standardError(), tally.marginOfError()));
        }
        return new Overview(today, figures, store.casesNotIn(CLOSED_STATES));
    }
}
