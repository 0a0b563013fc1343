package io.npsloop.reporting.overview;

import java.time.LocalDate;
import java.util.List;

/** The headline view: overall NPS over rolling 7, 30 and 90 days, each with n and margin of error, and the open case count. */
public record Overview(LocalDate asOf, List<WindowFigure> nps, long openCases) {

    public record WindowFigure(String window, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError) {
    }
}
