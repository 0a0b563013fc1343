package io.npsloop.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MultipleComparisonsTests {

    /**
     * R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.20), "BH") gives 0.025, 0.05, 0.05, 0.025, 0.20: the
     * sorted p-values 0.005, 0.01, 0.03, 0.04, 0.20 times 5/rank are 0.025, 0.025, 0.05, 0.05, 0.20,
     * and each takes the minimum of those at or above its rank.
     */
    @Test
    void adjustedPValuesMatchR() {
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochberg(List.of(0.01, 0.04, 0.03, 0.005, 0.20));

        assertThat(adjusted).usingComparatorForType((a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b), Double.class)
                .containsExactly(0.025, 0.05, 0.05, 0.025, 0.20);
    }

    /** The step-up: 0.04 alone would adjust to 0.04 * 2 / 1 = 0.08, but 0.045 at rank 2 caps both at 0.045. */
    @Test
    void aLargerPValueCanPullSmallerOnesDown() {
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochberg(List.of(0.045, 0.04));

        assertThat(adjusted.get(0)).isCloseTo(0.045, within(1e-12));
        assertThat(adjusted.get(1)).isCloseTo(0.045, within(1e-12));
    }

    @Test
    void twentyOneSegmentsAtFivePercentEachAreNoLongerAllDiscoveries() {
        Double[] p = new Double[21];
        Arrays.fill(p, 0.04);
        p[0] = 0.001;

        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochberg(Arrays.asList(p));

        assertThat(adjusted.get(0)).isCloseTo(0.021, within(1e-12));
        assertThat(adjusted.subList(1, 21)).allSatisfy(q -> assertThat(q).isCloseTo(0.04, within(1e-12)));
        assertThat(MultipleComparisons.benjaminiHochberg(List.of(0.04, 0.3, 0.5)).get(0)).isCloseTo(0.12, within(1e-12));
    }

    @Test
    void undefinedComparisonsStayNullAndDoNotCount() {
        List<@Nullable Double> adjusted = MultipleComparisons.benjaminiHochberg(Arrays.asList(null, 0.02, null, 0.04));

        assertThat(adjusted.get(0)).isNull();
        assertThat(adjusted.get(2)).isNull();
        assertThat(adjusted.get(1)).isCloseTo(0.04, within(1e-12));
        assertThat(adjusted.get(3)).isCloseTo(0.04, within(1e-12));
        assertThat(MultipleComparisons.benjaminiHochberg(List.of())).isEmpty();
    }

    @Test
    void adjustedNeverExceedsOne() {
        assertThat(MultipleComparisons.benjaminiHochberg(List.of(0.9, 0.95, 1.0))).allSatisfy(q -> assertThat(q).isLessThanOrEqualTo(1.0));
    }

    @Test
    void aPValueOutsideZeroAndOneIsRefused() {
        assertThatThrownBy(() -> MultipleComparisons.benjaminiHochberg(List.of(1.2))).isInstanceOf(IllegalArgumentException.class);
    }
}
