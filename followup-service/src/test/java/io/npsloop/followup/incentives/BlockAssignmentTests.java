package io.npsloop.followup.incentives;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class BlockAssignmentTests {

    @Property
    void sameExperimentAndNumberGiveTheSameArm(@ForAll @StringLength(min = 1, max = 20) String experimentId,
            @ForAll @IntRange(min = 1, max = 6) int armCount, @ForAll @LongRange(min = 0, max = 1_000_000) long number) {
        List<String> arms = arms(armCount);

        assertThat(BlockAssignment.arm(experimentId, arms, number)).isEqualTo(BlockAssignment.arm(experimentId, arms, number));
    }

    @Property
    void armCountsNeverDifferByMoreThanOneAfterAnyNumberOfCases(@ForAll @StringLength(min = 1, max = 20) String experimentId,
            @ForAll @IntRange(min = 1, max = 6) int armCount, @ForAll @IntRange(min = 0, max = 500) int cases) {
        List<String> arms = arms(armCount);
        Map<String, Integer> counts = new HashMap<>();
        arms.forEach(arm -> counts.put(arm, 0));
        for (int n = 0; n < cases; n++) {
            counts.merge(BlockAssignment.arm(experimentId, arms, n), 1, Integer::sum);
        }

        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        assertThat(max - min).isLessThanOrEqualTo(1);
        if (cases % armCount == 0) {
            assertThat(max).isEqualTo(min);
        }
    }

    private static List<String> arms(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> i == 0 ? Experiment.CONTROL : "arm-" + i).toList();
    }
}
