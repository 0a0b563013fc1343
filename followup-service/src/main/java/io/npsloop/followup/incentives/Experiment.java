package io.npsloop.followup.incentives;

import java.util.List;

/**
 * An A/B test of incentives for one root-cause category. Each arm is an incentive id or
 * {@link #CONTROL}, where nothing is offered.
 */
public record Experiment(String id, String rootCause, List<String> arms) {

    public static final String CONTROL = "control";

    public Experiment {
        arms = List.copyOf(arms);
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("Experiment " + id + " has no arms");
        }
    }
}
