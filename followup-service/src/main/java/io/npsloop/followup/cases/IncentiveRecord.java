package io.npsloop.followup.cases;

import io.npsloop.contracts.Money;
import org.jspecify.annotations.Nullable;

/**
 * The experiment arm of a case and what was offered. In the control arm nothing is offered, so
 * incentive, cost and accepted stay null.
 */
public record IncentiveRecord(String experimentId, String arm, long assignmentNumber, String rootCause,
        @Nullable String incentiveId, @Nullable String incentiveType, @Nullable Money cost, @Nullable Boolean accepted) {
}
