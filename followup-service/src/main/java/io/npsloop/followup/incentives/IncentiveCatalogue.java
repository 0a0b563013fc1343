package io.npsloop.followup.incentives;

import java.util.List;
import java.util.Optional;

/** The configured incentives and the experiment per root-cause category. */
public record IncentiveCatalogue(List<Incentive> incentives, List<Experiment> experiments) {

    public IncentiveCatalogue {
        incentives = List.copyOf(incentives);
        experiments = List.copyOf(experiments);
        for (Experiment experiment : experiments) {
            for (String arm : experiment.arms()) {
                // Fields are not assigned yet inside a compact constructor: check the parameter.
                if (!arm.equals(Experiment.CONTROL) && incentives.stream().noneMatch(i -> i.id().equals(arm))) {
                    throw new IllegalArgumentException("Experiment " + experiment.id() + " names unknown incentive " + arm);
                }
            }
        }
    }

    public Optional<Incentive> incentive(String id) {
        return incentives.stream().filter(incentive -> incentive.id().equals(id)).findFirst();
    }

    public Optional<Experiment> experimentFor(String rootCause) {
        return experiments.stream().filter(experiment -> experiment.rootCause().equals(rootCause)).findFirst();
    }
}
