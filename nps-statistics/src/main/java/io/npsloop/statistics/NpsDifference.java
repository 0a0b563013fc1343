package io.npsloop.statistics;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.jspecify.annotations.Nullable;

/**
 * The difference of two NPS figures from independent samples ({@code first - second}, in NPS
 * points), its 95% interval and the two-sided p-value of "no difference". Every field is null when
 * either figure is empty: there is no difference to speak of, and 0 would read as "no change".
 *
 * <p>The NPS of a sample is the mean of a +1/0/-1 variable, so the variance of a difference of two
 * independent figures is the sum of their variances, {@code v1 / n1 + v2 / n2}. The plain version
 * of that test, fed with observed shares, has zero variance for unanimous samples and calls one
 * promoter against one passive "significant, margin 0". So, as the Agresti-Caffo interval does for
 * two proportions, both samples take the pseudo-answers of {@link NpsTally#adjustedWaldInterval()} (0.75
 * promoters, 1.5 passives, 0.75 detractors each): the interval and the z statistic are built from
 * the adjusted figures and their adjusted variances. {@code difference} itself is the unadjusted
 * one. The p-value is {@code 2 * P(Z > |z|)} from Commons Statistics' normal distribution.
 */
public record NpsDifference(@Nullable Double difference, @Nullable Double standardError, @Nullable Double lower,
        @Nullable Double upper, @Nullable Double z, @Nullable Double pValue) {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    public static final NpsDifference UNDEFINED = new NpsDifference(null, null, null, null, null, null);

    public static NpsDifference between(NpsTally first, NpsTally second) {
        if (first.n() == 0 || second.n() == 0) {
            return UNDEFINED;
        }
        double difference = first.nps() - second.nps();
        double adjustedDifference = adjustedNps(first) - adjustedNps(second);
        double se = 100.0 * Math.sqrt(first.adjustedVariance() / adjustedN(first)
                + second.adjustedVariance() / adjustedN(second));
        double margin = NpsTally.Z_95 * se;
        double z = adjustedDifference / se;
        double p = Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        return new NpsDifference(difference, se, Math.max(-200.0, adjustedDifference - margin),
                Math.min(200.0, adjustedDifference + margin), z, p);
    }

    public boolean defined() {
        return difference != null;
    }

    static double adjustedN(NpsTally t) {
        return t.n() + NpsTally.PSEUDO_PROMOTERS + NpsTally.PSEUDO_PASSIVES + NpsTally.PSEUDO_DETRACTORS;
    }

    static double adjustedNps(NpsTally t) {
        return 100.0 * ((t.promoters() + NpsTally.PSEUDO_PROMOTERS) - (t.detractors() + NpsTally.PSEUDO_DETRACTORS))
                / adjustedN(t);
    }
}
