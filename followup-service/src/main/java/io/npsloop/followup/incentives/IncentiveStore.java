package io.npsloop.followup.incentives;

import java.util.List;
import java.util.Optional;

/**
 * The incentive catalogue and the experiments, managed by leads and admins. Incentives are
 * updated but never removed, so every arm an experiment names keeps existing; there is at most
 * one experiment per root-cause category, which is what makes "the experiment of a case" unique.
 */
public interface IncentiveStore {

    List<Incentive> incentives();

    Optional<Incentive> incentive(String id);

    /** Creates the incentive; false if the id is taken. */
    boolean createIncentive(Incentive incentive);

    /** Replaces type, description and cost; false if there is no such incentive. */
    boolean updateIncentive(Incentive incentive);

    List<Experiment> experiments();

    /** Creates the experiment unless its id or its root cause is taken. */
    ExperimentCreation createExperiment(Experiment experiment);

    /** What {@link #createExperiment} did. */
    enum ExperimentCreation {
        CREATED, ID_TAKEN, ROOT_CAUSE_TAKEN
    }

    /** A consistent view for one decision (an offer): incentives and experiments read together. */
    default IncentiveCatalogue catalogue() {
        return new IncentiveCatalogue(incentives(), experiments());
    }
}
