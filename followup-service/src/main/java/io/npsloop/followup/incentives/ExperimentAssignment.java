package io.npsloop.followup.incentives;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Puts a case into the incentive experiment of its root cause: the experiment of the first coded
 * category that has one, the case's number in it (handed out once, {@link AssignmentNumbers}) and
 * its arm by the keyed hash ({@link KeyedAssignment}). In the control arm nothing is offered.
 */
public final class ExperimentAssignment {

    private final IncentiveStore incentives;
    private final AssignmentNumbers numbers;
    private final KeyedAssignment assignment;

    public ExperimentAssignment(IncentiveStore incentives, AssignmentNumbers numbers, KeyedAssignment assignment) {
        this.incentives = incentives;
        this.numbers = numbers;
        this.assignment = assignment;
    }

    /** A case's place in an experiment: the arm, its number, the root cause it was chosen by, and the incentive (none in control). */
    public record Arm(String experimentId, String arm, long assignmentNumber, String rootCause,
            @Nullable Incentive incentive) {
    }

    /** The case's arm, from the catalogue as it is now; empty when none of the root causes has an experiment. */
    public Optional<Arm> assign(String caseId, List<String> rootCauses) {
        IncentiveCatalogue catalogue = incentives.catalogue();
        for (String rootCause : rootCauses) {
            Optional<Experiment> found = catalogue.experimentFor(rootCause);
            if (found.isPresent()) {
                Experiment experiment = found.get();
                long number = numbers.numberFor(experiment.id(), caseId);
                String arm = assignment.arm(experiment.id(), experiment.arms(), caseId);
                Incentive incentive = arm.equals(Experiment.CONTROL) ? null : catalogue.incentive(arm).orElseThrow();
                return Optional.of(new Arm(experiment.id(), arm, number, rootCause, incentive));
            }
        }
        return Optional.empty();
    }
}
