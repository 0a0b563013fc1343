package io.npsloop.statistics;

/**
 * Statistics of a share of successes: the Wilson score interval and the two-proportion z-test.
 *
 * <p>Wilson (1927), "Probable inference, the law of succession, and statistical inference", JASA 22:
 * unlike the normal ("Wald") interval it stays inside [0, 1] and keeps its coverage for small n and
 * shares near 0 or 1, which is what conversion rates of small experiment arms look like (Brown, Cai
 * and DasGupta 2001, "Interval Estimation for a Binomial Proportion", Statistical Science 16).
 *
 * <p>The two-proportion z-test uses the pooled share under the null hypothesis of equal rates
 * (any statistics textbook, e.g. NIST/SEMATECH e-Handbook 7.3.3); its two-sided p-value uses the
 * normal distribution function of {@link #normalCdf(double)}.
 */
public final class Proportions {

    private Proportions() {
    }

    /** A share with its 95% Wilson interval; all zero when n is zero. */
    public record Interval(long successes, long n, double rate, double lower, double upper) {
    }

    /** The z statistic and two-sided p-value of a difference between two shares, and whether p is below 0.05. */
    public record TwoProportionTest(double difference, double z, double pValue, boolean significant) {
    }

    public static Interval wilson(long successes, long n) {
        if (n <= 0) {
            return new Interval(successes, 0, 0.0, 0.0, 0.0);
        }
        double z = NpsTally.Z_95;
        double p = (double) successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(successes, n, p, Math.max(0.0, centre - half), Math.min(1.0, centre + half));
    }

    /** Tests the first share against the second (for example an arm against the control arm). */
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
        double pValue = Math.min(1.0, 2 * (1 - normalCdf(Math.abs(z))));
        return new TwoProportionTest(p1 - p2, z, pValue, pValue < 0.05);
    }

    /**
     * The standard normal distribution function through erf, with the rational approximation 7.1.26
     * of Abramowitz and Stegun (1964), absolute error below 1.5e-7: enough to tell p from 0.05.
     */
    public static double normalCdf(double x) {
        double t = x / Math.sqrt(2.0);
        double sign = Math.signum(t);
        double a = Math.abs(t);
        double k = 1.0 / (1.0 + 0.3275911 * a);
        double poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
        double erf = sign * (1 - poly * Math.exp(-a * a));
        return 0.5 * (1 + erf);
    }
}
