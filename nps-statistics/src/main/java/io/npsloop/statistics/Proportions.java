package io.npsloop.statistics;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of a share of successes, such as the conversion rate of an experiment arm.
 *
 * <p>Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22:
 * unlike the normal ("Wald") interval it stays inside [0, 1] and keeps its coverage for small n and
 * shares near 0 or 1, which is what conversion rates of small experiment arms look like (Brown, Cai
 * and DasGupta 2001, "Interval Estimation for a Binomial Proportion", Statistical Science 16).
 *
 * <p>The difference of two shares takes Newcombe's hybrid score interval (Newcombe 1998, "Interval
 * estimation for the difference between independent proportions", Statistics in Medicine 17,
 * method 10), built from the two Wilson intervals, which holds at small arms where the Wald
 * difference interval does not.
 *
 * <p>The test is Fisher's exact test (two-sided, Commons Statistics' {@link FisherExactTest}): it
 * conditions on the margins and never exceeds its nominal false-positive rate, however small the
 * arms. The pooled two-proportion z-test is kept for its statistic only: at small arms it calls
 * 2 of 2 against 0 of 2 significant (p 0.046, Fisher 0.33), and its false-positive rate then
 * exceeds 5% (see {@code ProportionsTests}).
 */
public final class Proportions {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private Proportions() {
    }

    /** A share with its 95% Wilson interval; all zero when n is zero. */
    public record Interval(long successes, long n, double rate, double lower, double upper) {
    }

    /** The z statistic and two-sided p-value of a difference between two shares, and whether p is below 0.05. */
    public record TwoProportionTest(double difference, double z, double pValue, boolean significant) {
    }

    /** The difference of two shares ({@code first - second}) and its 95% Newcombe interval. */
    public record Difference(double difference, double lower, double upper) {
    }

    /**
     * The exact (Clopper-Pearson) bounds of a share at confidence {@code 1 - alpha}: the quantiles
     * {@code alpha/2} of Beta(x, n - x + 1) and {@code 1 - alpha/2} of Beta(x + 1, n - x), 0 and 1 at
     * the ends. It misses the true share with probability at most {@code alpha} for every share and
     * every n (Clopper and Pearson 1934, Biometrika 26); n must be positive.
     */
    public static double[] clopperPearson(long successes, long n, double alpha) {
        if (n <= 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("Successes must be within [0, n] of a positive n, got " + successes + " of " + n);
        }
        double lower = successes == 0 ? 0.0
                : BetaDistribution.of(successes, n - successes + 1).inverseCumulativeProbability(alpha / 2);
        double upper = successes == n ? 1.0
                : BetaDistribution.of(successes + 1, n - successes).inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {lower, upper};
    }

    public static Interval wilson(long successes, long n) {
        if (n <= 0) {
            return new Interval(successes, 0, 0.0, 0.0, 0.0);
        }
        if (successes < 0 || successes > n) {
            throw new IllegalArgumentException("Successes must be within [0, n], got " + successes + " of " + n);
        }
        double z = NpsTally.Z_95;
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(successes, n, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }

    /** Newcombe's hybrid score interval of {@code x1/n1 - x2/n2}; null when either share is empty. */
    public static @Nullable Difference newcombe(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        Interval first = wilson(x1, n1);
        Interval second = wilson(x2, n2);
        double difference = first.rate() - second.rate();
        double below = Math.sqrt(square(first.rate() - first.lower()) + square(second.upper() - second.rate()));
        double above = Math.sqrt(square(first.upper() - first.rate()) + square(second.rate() - second.lower()));
        return new Difference(difference, Math.max(-1.0, difference - below), Math.min(1.0, difference + above));
    }

    /** The two-sided p-value of Fisher's exact test on x1 of n1 against x2 of n2; null when either is empty. */
    public static @Nullable Double fisherExact(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        int[][] table = {
            {Math.toIntExact(x1), Math.toIntExact(n1 - x1)},
            {Math.toIntExact(x2), Math.toIntExact(n2 - x2)},
        };
        return Math.min(1.0, FisherExactTest.withDefaults().test(table).getPValue());
    }

    /** Tests the first share against the second with the pooled z-test; see the class comment for why it decides nothing. */
    public static TwoProportionTest twoProportionZTest(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return new TwoProportionTest(0.0, 0.0, 1.0, false);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0.0) {
            // Both arms all successes or all failures: no evidence of a difference.
            return new TwoProportionTest(p1 - p2, 0.0, 1.0, false);
        }
        double z = (p1 - p2) / se;
        double pValue = Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
        return new TwoProportionTest(p1 - p2, z, pValue, pValue < 0.05);
    }

    private static double square(double x) {
        return x * x;
    }
}
