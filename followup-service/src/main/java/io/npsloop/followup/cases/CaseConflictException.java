package io.npsloop.followup.cases;

import java.time.Instant;

import io.npsloop.contracts.CaseState;
import org.jspecify.annotations.Nullable;

/**
 * An action the case does not allow now: the state machine refuses it, another agent holds the
 * case, or the case changed between reading and writing. Answered with 409, naming the current
 * state and the attempted action.
 */
public class CaseConflictException extends RuntimeException {

    private final CaseState state;
    private final CaseAction action;
    private final @Nullable String holder;
    private final @Nullable Instant claimedAt;

    public CaseConflictException(CaseState state, CaseAction action, String message) {
        this(state, action, null, message);
    }

    public CaseConflictException(CaseState state, CaseAction action, @Nullable String holder, String message) {
        this(state, action, holder, null, message);
    }

    /** A conflict with the case's holder, who has held it since {@code claimedAt}. */
    public CaseConflictException(CaseState state, CaseAction action, @Nullable String holder, @Nullable Instant claimedAt,
            String message) {
        super(message);
        this.state = state;
        this.action = action;
        this.holder = holder;
        this.claimedAt = claimedAt;
    }

    public CaseState state() {
        return state;
    }

    public CaseAction action() {
        return action;
    }

    public @Nullable String holder() {
        return holder;
    }

    public @Nullable Instant claimedAt() {
        return claimedAt;
    }
}
