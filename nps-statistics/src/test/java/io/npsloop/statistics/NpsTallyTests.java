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
        // 1.95996 (the library's quantile), not the rounded 1.96, standard errors.
        assertThat(tally.marginOfError()).isCloseTo(5.9639, within(1e-4));
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
        assertThat(tally.marginOfError()).isCloseTo(15.3078, within(1e-4));
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

    /**
     * The worked example of the issue: 250 promoters, 675 passives and 75 detractors. NPS 17.5,
     * variance 0.325 - 0.175^2 = 0.294375, Wald margin 1.96 * 100 * sqrt(0.294375 / 1000) = 3.36;
     * at that n the adjusted interval is within a few hundredths of a point of the Wald one.
     */
    @Test
    void twoHundredFiftyPromotersAndSeventyFiveDetractorsOfAThousand() {
        NpsTally tally = new NpsTally(250, 675, 75);

        assertThat(tally.nps()).isCloseTo(17.5, within(1e-12));
        assertThat(tally.variance()).isCloseTo(0.294375, within(1e-12));
        assertThat(tally.marginOfError()).isCloseTo(3.3628, within(1e-4));
        NpsInterval interval = tally.interval();
        assertThat(interval).isNotNull();
        // Adjusted: p = 250.75 / 1003, d = 75.75 / 1003, centre 17.4477, margin 3.3618.
        assertThat(interval.lower()).isCloseTo(14.0859, within(1e-4));
        assertThat(interval.upper()).isCloseTo(20.8094, within(1e-4));
        assertThat(tally.waldInterval().lower()).isCloseTo(17.5 - 3.3628, within(1e-4));
    }

    /** Rocks (2016): 0.75 promoters, 1.5 passives and 0.75 detractors added, n + 3, then Wald. */
    @Test
    void adjustedIntervalAddsThreePseudoAnswers() {
        NpsTally tally = new NpsTally(5, 3, 2);

        double p = 5.75 / 13;
        double d = 2.75 / 13;
        double margin = NpsTally.Z_95 * 100 * Math.sqrt((p + d - (p - d) * (p - d)) / 13);
        assertThat(tally.interval().lower()).isCloseTo(100 * (p - d) - margin, within(1e-9));
        assertThat(tally.interval().upper()).isCloseTo(100 * (p - d) + margin, within(1e-9));
        assertThat(tally.nps()).isEqualTo(30.0);
    }

    @Test
    void adjustedIntervalIsClippedToTheScale() {
        NpsInterval interval = new NpsTally(3, 0, 0).adjustedWaldInterval();

        assertThat(interval.upper()).isEqualTo(100.0);
        assertThat(interval.lower()).isGreaterThan(-100.0);
        assertThat(new NpsTally(0, 0, 3).adjustedWaldInterval().lower()).isEqualTo(-100.0);
    }

    /**
     * Below ten answers the interval is the exact-bound one: three promoters of three give the
     * Clopper-Pearson 97.5% bounds [0.0125^(1/3), 1] for the promoter share and [0, 1 - 0.0125^(1/3)]
     * for the detractor share (closed forms at x = 0 and x = n), so NPS from 100 * (2 * 0.0125^(1/3) - 1)
     * to 100.
     */
    @Test
    void belowTenAnswersTheIntervalIsTheExactBoundOne() {
        double root = Math.cbrt(0.0125);
        NpsInterval interval = new NpsTally(3, 0, 0).interval();

        assertThat(interval.lower()).isCloseTo(100 * (2 * root - 1), within(1e-9));
        assertThat(interval.upper()).isEqualTo(100.0);
        assertThat(new NpsTally(0, 0, 3).interval().lower()).isEqualTo(-100.0);
        assertThat(new NpsTally(0, 0, 3).interval().upper()).isCloseTo(-100 * (2 * root - 1), within(1e-9));
        assertThat(new NpsTally(5, 2, 2).interval()).isEqualTo(new NpsTally(5, 2, 2).exactBoundInterval());
        assertThat(new NpsTally(5, 3, 2).interval()).as("ten answers").isEqualTo(new NpsTally(5, 3, 2).adjustedWaldInterval());
    }

    @Test
    void theRestOfATallyIsWhatIsLeftWithoutItsPart() {
        NpsTally all = new NpsTally(10, 5, 3);

        assertThat(all.minus(new NpsTally(4, 5, 1))).isEqualTo(new NpsTally(6, 0, 2));
        assertThat(all.minus(all)).isEqualTo(NpsTally.EMPTY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NpsTally(1, 0, 0).minus(new NpsTally(2, 0, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyTallyHasNoInterval() {
        assertThat(NpsTally.EMPTY.interval()).isNull();
        assertThat(NpsTally.EMPTY.waldInterval()).isNull();
    }

    @Test
    void libraryQuantileIsTheNinetySevenAndAHalfPercentPoint() {
        assertThat(NpsTally.Z_95).isCloseTo(1.959964, within(1e-6));
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
