package io.npsloop.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.npsloop.contracts.Category;
import org.junit.jupiter.api.Test;

class NpsTallyTests {

    /**
     * The worked example of the Cross Validated answer "How can I calculate margin of error in a NPS
     * result?": a population of 1/2 promoters, 1/3 passives and 1/6 detractors has NPS 1/3 and
     * per-response variance 5/9. With 600 responses in those shares the standard error is
     * 100 * sqrt((5/9) / 600) = 3.043 points.
     */
    @Test
    void halfPromotersThirdPassivesSixthDetractorsMatchesThePublishedVariance() {
        NpsTally tally = new NpsTally(300, 200, 100);

        assertThat(tally.nps()).isCloseTo(100.0 / 3, within(1e-9));
        assertThat(tally.variance()).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(tally.standardError()).isCloseTo(3.0429, within(1e-4));
        assertThat(tally.marginOfError()).isCloseTo(5.9640, within(1e-4));
    }

    /**
     * The closed form of cybaea.net, "NPS confidence intervals: stats" (2016): Var(NPS) =
     * 100^2 * (p(1-p) + d(1-d) + 2pd) / n, which expands to 100^2 * (p + d - (p - d)^2) / n. With
     * 50% promoters, 20% detractors and n = 100: variance 0.61, standard error 7.81 points.
     */
    @Test
    void fiftyPromotersTwentyDetractorsOfAHundredHasAnEightPointStandardError() {
        NpsTally tally = new NpsTally(50, 30, 20);

        double p = 0.5;
        double d = 0.2;
        double expanded = p * (1 - p) + d * (1 - d) + 2 * p * d;
        assertThat(tally.variance()).isCloseTo(expanded, within(1e-12)).isCloseTo(0.61, within(1e-12));
        assertThat(tally.nps()).isEqualTo(30.0);
        assertThat(tally.standardError()).isCloseTo(7.8102, within(1e-4));
        assertThat(tally.marginOfError()).isCloseTo(15.3081, within(1e-4));
    }

    @Test
    void unanimousAnswersHaveNoVariance() {
        assertThat(new NpsTally(40, 0, 0).nps()).isEqualTo(100.0);
        assertThat(new NpsTally(40, 0, 0).standardError()).isZero();
        assertThat(new NpsTally(0, 0, 12).nps()).isEqualTo(-100.0);
        assertThat(new NpsTally(0, 9, 0).marginOfError()).isZero();
    }

    @Test
    void emptyTallyShowsZeroWithZeroResponses() {
        assertThat(NpsTally.EMPTY.n()).isZero();
        assertThat(NpsTally.EMPTY.nps()).isZero();
        assertThat(NpsTally.EMPTY.marginOfError()).isZero();
    }

    @Test
    void evenSplitOfPromotersAndDetractorsHasTheLargestVariance() {
        assertThat(new NpsTally(50, 0, 50).variance()).isEqualTo(1.0);
        assertThat(new NpsTally(50, 0, 50).standardError()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aTwentyPointSwingOnFortyResponsesIsNoise() {
        NpsTally lastMonth = new NpsTally(16, 12, 12);
        NpsTally thisMonth = new NpsTally(20, 12, 8);

        NpsTally.Comparison comparison = thisMonth.compareWith(lastMonth);

        assertThat(comparison.difference()).isCloseTo(20.0, within(1e-9));
        assertThat(comparison.marginOfError()).isGreaterThan(20.0);
        assertThat(comparison.significant()).isFalse();
    }

    @Test
    void aTwentyPointSwingOnTwoThousandResponsesIsSignificant() {
        NpsTally lastMonth = new NpsTally(800, 600, 600);
        NpsTally thisMonth = new NpsTally(1000, 600, 400);

        NpsTally.Comparison comparison = thisMonth.compareWith(lastMonth);

        // Independent samples: the variances of the two figures add up.
        double expected = 1.96 * Math.sqrt(Math.pow(thisMonth.standardError(), 2) + Math.pow(lastMonth.standardError(), 2));
        assertThat(comparison.marginOfError()).isCloseTo(expected, within(1e-12));
        assertThat(comparison.marginOfError()).isCloseTo(5.00, within(0.01));
        assertThat(comparison.significant()).isTrue();
    }

    @Test
    void comparisonWithAnEmptyFigureIsNeverSignificant() {
        assertThat(new NpsTally(10, 0, 0).compareWith(NpsTally.EMPTY).significant()).isFalse();
    }

    @Test
    void countsCannotBeNegative() {
        assertThatThrownBy(() -> new NpsTally(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addingACategoryCountsItOnce() {
        assertThat(NpsTally.of(Category.PROMOTER).plus(Category.DETRACTOR, 2)).isEqualTo(new NpsTally(1, 0, 2));
    }
}
