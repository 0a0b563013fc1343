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

    @Test
    void normalCdfMatchesTables() {
        assertThat(Proportions.normalCdf(1.96)).isCloseTo(0.975, within(1e-4));
        assertThat(Proportions.normalCdf(0.0)).isCloseTo(0.5, within(1e-7));
        assertThat(Proportions.normalCdf(-1.0)).isCloseTo(0.158655, within(1e-6));
    }
}
