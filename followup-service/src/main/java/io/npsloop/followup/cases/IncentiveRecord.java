package io.npsloop.followup.cases;

import io.npsloop.contracts.Money;
import io.npsloop.followup.incentives.ExperimentAssignment;
import io.npsloop.followup.incentives.Incentive;
import org.jspecify.annotations.Nullable;

/**
 * The experiment arm of a case and what was offered. In the control arm nothing is offered, so
 * incentive, cost and accepted stay null.
 */
public record IncentiveRecord(String experimentId, String arm, long assignmentNumber, String rootCause,
        @Nullable String incentiveId, @Nullable String incentiveType, @Nullable Money cost, @Nullable Boolean accepted) {

    /** The arm as assigned, not yet answered. */
    static IncentiveRecord of(ExperimentAssignment.Arm assigned) {
        Incentive incentive = assigned.incentive();
        return new IncentiveRecord(assigned.experimentId(), assigned.arm(), assigned.assignmentNumber(),
                assigned.rootCause(), incentive == null ? null : incentive.id(),
                incentive == null ? null : incentive.type(), incentive == null ? null : incentive.cost(), null);
    }

    /** With the customer's answer to the offer; in the control arm nothing was offered, so nothing was accepted. */
    IncentiveRecord answered(@Nullable Boolean answer) {
        return new IncentiveRecord(experimentId, arm, assignmentNumber, rootCause, incentiveId, incentiveType, cost,
                incentiveId == null ? null : answer);
    }
}
