package io.npsloop.followup.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * Balance and independence of the keyed assignment, on 20,000 consecutive case ids under a fixed
 * key (so every figure here is fixed, not a random draw of the test). Each check is a test that a
 * fair, independent assignment passes with probability 99.9%; the permuted blocks used before fail
 * the pair test outright (every pair of consecutive cases got both arms).
 */
class KeyedAssignmentTests {

    static final KeyedAssignment ASSIGNMENT = new KeyedAssignment("a test key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8));
    static final int CASES = 20_000;
    static final double Z_999 = NormalDistribution.of(0, 1).inverseSurvivalProbability(0.0005);
    static final List<String> TWO_ARMS = List.of(Experiment.CONTROL, "free-month");

    @Property
    void sameKeyExperimentAndCaseGiveTheSameArm(@ForAll @StringLength(min = 1, max = 20) String experimentId,
            @ForAll @IntRange(min = 1, max = 6) int armCount, @ForAll @StringLength(min = 1, max = 40) String caseId) {
        List<String> arms = arms(armCount);

        assertThat(ASSIGNMENT.arm(experimentId, arms, caseId)).isEqualTo(ASSIGNMENT.arm(experimentId, arms, caseId))
                .isIn(arms);
    }

    @Test
    void armsAreBalancedByAChiSquareTest() {
        for (int k = 2; k <= 4; k++) {
            List<String> arms = arms(k);
            long[] counts = new long[k];
            for (int i = 0; i < CASES; i++) {
                counts[arms.indexOf(ASSIGNMENT.arm("delivery-incentives", arms, "case-" + i))]++;
            }
            double expected = (double) CASES / k;
            double chiSquare = 0;
            for (long count : counts) {
                chiSquare += (count - expected) * (count - expected) / expected;
            }
            assertThat(chiSquare).as("chi-square with %d arms", k)
                    .isLessThan(ChiSquaredDistribution.of(k - 1).inverseSurvivalProbability(0.001));
        }
    }

    /** Wald-Wolfowitz runs test: too few runs means clustering, too many means alternation. */
    @Test
    void consecutiveCasesShowNeitherAlternationNorClusteringByARunsTest() {
        List<String> sequence = sequence("delivery-incentives", TWO_ARMS);
        long n1 = sequence.stream().filter(Experiment.CONTROL::equals).count();
        long n2 = CASES - n1;
        long runs = 1;
        for (int i = 1; i < CASES; i++) {
            if (!sequence.get(i).equals(sequence.get(i - 1))) {
                runs++;
            }
        }
        double mean = 1 + 2.0 * n1 * n2 / CASES;
        double variance = 2.0 * n1 * n2 * (2.0 * n1 * n2 - CASES) / ((double) CASES * CASES * (CASES - 1));

        assertThat(Math.abs(runs - mean) / Math.sqrt(variance)).isLessThan(Z_999);
    }

    /** Lag-1 to lag-5 serial correlation of the underlying draws: about N(0, 1/n) for independent ones. */
    @Test
    void drawsOfConsecutiveCasesAreUncorrelated() {
        double[] u = new double[CASES];
        for (int i = 0; i < CASES; i++) {
            u[i] = (ASSIGNMENT.draw("delivery-incentives", "case-" + i) >>> 11) * 0x1.0p-53;
        }
        double mean = 0;
        for (double x : u) {
            mean += x / CASES;
        }
        double variance = 0;
        for (double x : u) {
            variance += (x - mean) * (x - mean);
        }
        for (int lag = 1; lag <= 5; lag++) {
            double covariance = 0;
            for (int i = lag; i < CASES; i++) {
                covariance += (u[i] - mean) * (u[i - lag] - mean);
            }
            assertThat(Math.abs(covariance / variance) * Math.sqrt(CASES)).as("lag %d", lag).isLessThan(Z_999);
        }
    }

    /**
     * The weakness of permuted blocks of two: knowing the first case of a pair told the second. Here
     * the second case of a pair gets the other arm about half the time, as a coin would.
     */
    @Test
    void theFirstCaseOfAPairDoesNotTellTheSecond() {
        List<String> sequence = sequence("delivery-incentives", TWO_ARMS);
        int pairs = CASES / 2;
        long different = 0;
        for (int i = 0; i < pairs; i++) {
            if (!sequence.get(2 * i).equals(sequence.get(2 * i + 1))) {
                different++;
            }
        }

        assertThat(Math.abs(different - pairs / 2.0) / Math.sqrt(pairs / 4.0)).isLessThan(Z_999);
    }

    /** Someone who knows the ids but not the key guesses no better than a coin: another key agrees half the time. */
    @Test
    void withoutTheKeyTheArmsCannotBeTold() {
        KeyedAssignment other = new KeyedAssignment("another key, also thirty-two b!!".getBytes(StandardCharsets.UTF_8));
        long agree = 0;
        for (int i = 0; i < CASES; i++) {
            if (ASSIGNMENT.arm("delivery-incentives", TWO_ARMS, "case-" + i).equals(other.arm("delivery-incentives", TWO_ARMS, "case-" + i))) {
                agree++;
            }
        }

        assertThat(Math.abs(agree - CASES / 2.0) / Math.sqrt(CASES / 4.0)).isLessThan(Z_999);
    }

    @Test
    void experimentsAreAssignedIndependentlyOfEachOther() {
        List<String> first = sequence("delivery-incentives", TWO_ARMS);
        List<String> second = sequence("price-incentives", TWO_ARMS);
        long agree = 0;
        for (int i = 0; i < CASES; i++) {
            if (first.get(i).equals(second.get(i))) {
                agree++;
            }
        }

        assertThat(Math.abs(agree - CASES / 2.0) / Math.sqrt(CASES / 4.0)).isLessThan(Z_999);
    }

    @Test
    void aShortKeyIsRefusedAndABlankOneIsRandom() {
        assertThatThrownBy(() -> KeyedAssignment.ofSecret("too short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
        assertThat(KeyedAssignment.ofSecret(" ").arm("e", TWO_ARMS, "case-1")).isIn(TWO_ARMS);
    }

    private static List<String> sequence(String experimentId, List<String> arms) {
        List<String> sequence = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            sequence.add(ASSIGNMENT.arm(experimentId, arms, "case-" + i));
        }
        return sequence;
    }

    private static List<String> arms(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> i == 0 ? Experiment.CONTROL : "arm-" + i).toList();
    }
}
