package io.npsloop.scoring.nps;

import io.npsloop.statistics.NpsDifference;
import io.npsloop.statistics.NpsTally;
import io.npsloop.statistics.SignificanceRules;
import org.jspecify.annotations.Nullable;

/**
 * Two figures and whether they differ: {@code difference} is {@code first.nps - second.nps},
 * {@code lower} to {@code upper} its 95% interval, {@code marginOfError} 1.96 standard errors of the
 * difference, {@code pValue} the two-sided p-value of "no difference" (see nps-statistics'
 * {@code NpsDifference}). All of them are null when either figure is empty: there is nothing to
 * compare, and 0 would read as "no change". {@code significant} needs both figures at or above the
 * minimum sample size and p below 0.05; one comparison is shown, so no multiple-comparison
 * adjustment applies.
 */
public record NpsComparison(NpsFigure first, NpsFigure second, @Nullable Double difference,
        @Nullable Double standardError, @Nullable Double lower, @Nullable Double upper, @Nullable Double marginOfError,
        @Nullable Double pValue, boolean significant) {

    public static NpsComparison of(NpsFigure first, NpsFigure second, SignificanceRules rules) {
        NpsDifference d = first.tally().compareWith(second.tally());
        Double margin = d.standardError() == null ? null : NpsTally.Z_95 * d.standardError();
        return new NpsComparison(first, second, d.difference(), d.standardError(), d.lower(), d.upper(), margin,
                d.pValue(), rules.significant(first.n(), second.n(), d.pValue()));
    }
}
