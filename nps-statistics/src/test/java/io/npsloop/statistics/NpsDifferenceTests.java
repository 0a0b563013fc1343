package io.npsloop.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class NpsDifferenceTests {

    private static final SignificanceRules RULES = SignificanceRules.DEFAULTS;

    @Test
    void aTwentyPointSwingOnFortyResponsesIsNoise() {
        NpsTally lastMonth = new NpsTally(16, 12, 12);
        NpsTally thisMonth = new NpsTally(20, 12, 8);

        NpsDifference difference = thisMonth.compareWith(lastMonth);

        assertThat(difference.difference()).isCloseTo(20.0, within(1e-9));
        assertThat(difference.lower()).isNegative();
        assertThat(difference.pValue()).isGreaterThan(0.05);
        assertThat(RULES.significant(thisMonth.n(), lastMonth.n(), difference.pValue())).isFalse();
    }

    @Test
    void aTwentyPointSwingOnTwoThousandResponsesIsSignificant() {
        NpsTally lastMonth = new NpsTally(800, 600, 600);
        NpsTally thisMonth = new NpsTally(1000, 600, 400);

        NpsDifference difference = thisMonth.compareWith(lastMonth);

        // Independent samples: the variances add up; the three pseudo-answers barely matter at this n.
        double se = Math.sqrt(Math.pow(thisMonth.standardError(), 2) + Math.pow(lastMonth.standardError(), 2));
        assertThat(difference.standardError()).isCloseTo(se, within(0.01));
        assertThat(difference.standardError()).isCloseTo(2.55, within(0.01));
        double z = difference.z();
        assertThat(difference.pValue())
                .isCloseTo(2 * NormalDistribution.of(0, 1).survivalProbability(z), within(1e-15))
                .isLessThan(1e-10);
        assertThat(RULES.significant(thisMonth.n(), lastMonth.n(), difference.pValue())).isTrue();
    }

    /** The old comparison: difference 100, margin 0, "significant". */
    @Test
    void onePromoterAgainstOnePassiveIsNotEvidence() {
        NpsTally promoter = new NpsTally(1, 0, 0);
        NpsTally passive = new NpsTally(0, 1, 0);

        NpsDifference difference = promoter.compareWith(passive);

        assertThat(difference.difference()).isEqualTo(100.0);
        assertThat(difference.standardError()).isGreaterThan(30.0);
        assertThat(difference.pValue()).isGreaterThan(0.5);
        assertThat(RULES.significant(1, 1, difference.pValue())).isFalse();
    }

    @Test
    void comparisonWithAnEmptyFigureIsUndefinedNotZero() {
        assertThat(new NpsTally(10, 0, 0).compareWith(NpsTally.EMPTY)).isEqualTo(NpsDifference.UNDEFINED);
        assertThat(NpsTally.EMPTY.compareWith(new NpsTally(10, 0, 0)).difference()).isNull();
        assertThat(NpsTally.EMPTY.compareWith(NpsTally.EMPTY).pValue()).isNull();
        assertThat(RULES.significant(10, 0, null)).isFalse();
    }

    @Test
    void figuresBelowTheMinimumSampleAreNeverSignificant() {
        NpsTally small = new NpsTally(29, 0, 0);
        NpsTally large = new NpsTally(0, 0, 1000);

        NpsDifference difference = small.compareWith(large);

        assertThat(difference.pValue()).isLessThan(1e-6);
        assertThat(RULES.insufficient(29)).isTrue();
        assertThat(RULES.insufficient(30)).isFalse();
        assertThat(RULES.significant(small.n(), large.n(), difference.pValue())).isFalse();
        assertThat(new SignificanceRules(10, 0.05).significant(small.n(), large.n(), difference.pValue())).isTrue();
    }
}
