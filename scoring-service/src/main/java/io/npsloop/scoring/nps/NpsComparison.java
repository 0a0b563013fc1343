package io.npsloop.scoring.nps;

import io.npsloop.statistics.NpsTally;

/**
 * Two figures and whether they differ at the 95% level: {@code difference} is
 * {@code first.nps - second.nps}, {@code marginOfError} the 95% margin of that difference.
 */
public record NpsComparison(NpsFigure first, NpsFigure second, double difference, double marginOfError,
        boolean significant) {

    public static NpsComparison of(NpsFigure first, NpsFigure second) {
        NpsTally.Comparison comparison = first.tally().compareWith(second.tally());
        return new NpsComparison(first, second, comparison.difference(), comparison.marginOfError(), comparison.significant());
    }
}
