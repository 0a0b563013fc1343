package io.npsloop.followup.incentives;

import java.util.List;
import java.util.Optional;

/**
 * The incentives and the experiment per root-cause category at one moment. Built from the
 * configuration (the seed) and from the {@link IncentiveStore} for each offer.
 */
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

    /**
     * Adds the incentives and experiments of this (configured) catalogue that the store lacks; an
     * entry an admin changed or an experiment whose root cause has another experiment is left as
     * it is, so running it at every start changes nothing.
     */
    public void seed(IncentiveStore store) {
        incentives.forEach(store::createIncentive);
        experiments.forEach(store::createExperiment);
    }
}
