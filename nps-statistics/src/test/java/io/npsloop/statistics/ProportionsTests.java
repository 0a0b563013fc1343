package io.npsloop.statistics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProportionsTests {

    @Test
    void wilsonIntervalMatchesThePublishedExample() {
        // Brown, Cai and DasGupta (2001) style check: 81 of 263 gives [0.2553, 0.3662] (Wikipedia, "Binomial proportion confidence interval").
        Proportions.Interval interval = Proportions.wilson(81, 263);
        assertThat(interval.rate()).isCloseTo(0.30798, within(1e-5));
        assertThat(interval.lower()).isCloseTo(0.2553, within(1e-4));
        assertThat(interval.upper()).isCloseTo(0.3662, within(1e-4));
    }

    @Test
    void emptyArmHasAZeroInterval() {
        assertThat(Proportions.wilson(0, 0)).isEqualTo(new Proportions.Interval(0, 0, 0.0, 0.0, 0.0));
    }

    @Property
    void wilsonIntervalContainsTheRateAndStaysInsideZeroAndOne(@ForAll @LongRange(min = 1, max = 5000) long n,
            @ForAll @LongRange(min = 0, max = 5000) long x) {
        long successes = Math.min(x, n);
        Proportions.Interval interval = Proportions.wilson(successes, n);
        assertThat(interval.lower()).isBetween(0.0, interval.rate() + 1e-12);
        assertThat(interval.upper()).isBetween(interval.rate() - 1e-12, 1.0);
    }

    @Test
    void twoProportionTestFindsAClearDifferenceAndNotANoisyOne() {
        // 60/100 against 40/100: pooled 0.5, se 0.0707, z 2.828, p 0.0047.
        Proportions.TwoProportionTest clear = Proportions.twoProportionZTest(60, 100, 40, 100);
        assertThat(clear.z()).isCloseTo(2.8284, within(1e-4));
        assertThat(clear.pValue()).isCloseTo(0.00468, within(1e-4));
        assertThat(clear.significant()).isTrue();
        assertThat(Proportions.twoProportionZTest(6, 10, 4, 10).significant()).isFalse();
    }

    /** The example: 2 of 2 against 0 of 2 is no evidence; the z-test said p 0.046. */
    @Test
    void twoOfTwoAgainstNoneOfTwoIsNotSignificantByFisher() {
        assertThat(Proportions.twoProportionZTest(2, 2, 0, 2).pValue()).isCloseTo(0.0455, within(1e-4));
        assertThat(Proportions.fisherExact(2, 2, 0, 2)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(ExperimentPlan.DEFAULTS.significant(2, 2, Proportions.fisherExact(2, 2, 0, 2), 1)).isFalse();
    }

    /** R: fisher.test(matrix(c(7, 3, 1, 9), 2, byrow = TRUE))$p.value = 0.01977 (0.0197666). */
    @Test
    void fisherExactMatchesR() {
        assertThat(Proportions.fisherExact(7, 10, 1, 10)).isCloseTo(0.0197666, within(1e-6));
        assertThat(Proportions.fisherExact(3, 0, 1, 10)).isNull();
    }

    /**
     * Newcombe (1998), Table II, example (a): 56/70 against 48/80, difference 0.2, hybrid score
     * interval 0.0524 to 0.3339.
     */
    @Test
    void newcombeIntervalMatchesThePublishedExample() {
        Proportions.Difference difference = Proportions.newcombe(56, 70, 48, 80);

        assertThat(difference.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(difference.lower()).isCloseTo(0.0524, within(1e-4));
        assertThat(difference.upper()).isCloseTo(0.3339, within(1e-4));
        assertThat(Proportions.newcombe(1, 0, 1, 2)).isNull();
    }

    /**
     * Type-I error by exact enumeration: with the same true conversion rate in both arms, the
     * probability over every outcome (x1, x2) that the test says "different" at 5%. Fisher's test
     * stays at or below 5% for every arm size and rate; the z-test does not.
     */
    @Test
    void fisherHoldsItsFalsePositiveRateAtSmallArmsAndTheZTestDoesNot() {
        double worstZ = 0;
        for (int arm = 2; arm <= 20; arm++) {
            int n = arm;
            for (double rate : new double[] {0.1, 0.2, 0.3, 0.5, 0.7}) {
                double fisher = falsePositiveRate(n, rate, (x1, x2) -> Proportions.fisherExact(x1, n, x2, n) < 0.05);
                double z = falsePositiveRate(n, rate, (x1, x2) -> Proportions.twoProportionZTest(x1, n, x2, n).pValue() < 0.05);
                assertThat(fisher).as("Fisher, n=%d, rate=%.1f", n, rate).isLessThanOrEqualTo(0.05);
                worstZ = Math.max(worstZ, z);
            }
        }
        assertThat(worstZ).isGreaterThan(0.06);
    }

    /** Armed with the plan's threshold (0.05 / 5 looks), even five looks stay under 5% false winners. */
    @Test
    void thePlanThresholdSpendsAlphaOverLooksAndArms() {
        assertThat(ExperimentPlan.DEFAULTS.threshold(1)).isCloseTo(0.01, within(1e-15));
        assertThat(ExperimentPlan.DEFAULTS.threshold(2)).isCloseTo(0.005, within(1e-15));
        assertThat(ExperimentPlan.DEFAULTS.largeEnough(29, 100)).isFalse();
        assertThat(ExperimentPlan.DEFAULTS.largeEnough(30, 30)).isTrue();
        assertThat(ExperimentPlan.DEFAULTS.significant(30, 30, 0.009, 1)).isTrue();
        assertThat(ExperimentPlan.DEFAULTS.significant(30, 30, 0.011, 1)).isFalse();
    }

    interface Outcome {
        boolean rejects(int x1, int x2);
    }

    private static double falsePositiveRate(int n, double rate, Outcome test) {
        double[] binomial = new double[n + 1];
        for (int x = 0; x <= n; x++) {
            binomial[x] = org.apache.commons.statistics.distribution.BinomialDistribution.of(n, rate).probability(x);
        }
        double rejected = 0;
        for (int x1 = 0; x1 <= n; x1++) {
            for (int x2 = 0; x2 <= n; x2++) {
                if (test.rejects(x1, x2)) {
                    rejected += binomial[x1] * binomial[x2];
                }
            }
        }
        return rejected;
    }
}
