package io.npsloop.reporting.overview;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The headline view: overall NPS over rolling 7, 30 and 90 days, each with n, its 95% interval
 * ({@code lower}, {@code upper}: adjusted Wald, null when n is 0), the plain standard error and margin
 * of error, {@code insufficient} (n below the minimum sample size) and the 0-10 distribution
 * ({@code distribution[score]}), and the count of cases not closed.
 */
public record Overview(LocalDate asOf, List<WindowFigure> nps, long openCases) {

    public record WindowFigure(String window, LocalDate from, LocalDate to, long n, long promoters, long passives,
            long detractors, double nps, double standardError, double marginOfError, @Nullable Double lower,
            @Nullable Double upper, boolean insufficient, List<Long> distribution) {
    }
}
