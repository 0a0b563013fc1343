package io.npsloop.reporting.overview;

import java.time.LocalDate;
import java.util.List;

/**
 * The headline view: overall NPS over rolling 7, 30 and 90 days, each with n, margin of error and the
 * 0-10 distribution ({@code distribution[score]}), and the count of cases not closed.
 */
public record Overview(LocalDate asOf, List<WindowFigure> nps, long openCases) {

    public record WindowFigure(String window, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError, List<Long> distribution) {
    }
}
