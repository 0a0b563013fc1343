package io.npsloop.reporting.projections;

import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.CaseState;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import org.jspecify.annotations.Nullable;

/**
 * Everything reporting knows about one follow-up case, folded from its events in sequence order.
 * {@code owner} is the agent who last claimed it; {@code resurveyCategory} is the category of the
 * customer's next answer (from the loop-closed event), null until they answer again.
 */
public record CaseFact(String caseId, @Nullable String alertId, @Nullable String responseId, @Nullable String queue,
        @Nullable String owner, @Nullable Instant openedAt, @Nullable Instant slaDueAt, @Nullable Instant firstContactAt,
        boolean resolved, @Nullable String state, List<String> rootCauses, @Nullable Category resurveyCategory,
        @Nullable Experiment experiment, long sequence) {

    /** The experiment arm the case was assigned to; cost is null in the control arm. */
    public record Experiment(String experimentId, String arm, String rootCause, @Nullable Money cost,
            @Nullable Boolean accepted) {
    }

    public boolean converted() {
        return resurveyCategory == Category.PASSIVE || resurveyCategory == Category.PROMOTER;
    }

    public boolean closed() {
        return CaseState.CLOSED.name().equals(state);
    }
}
