package io.npsloop.ingest.responses;

import org.jspecify.annotations.Nullable;

/**
 * What the intake did with one response of a batch: taken ({@code result}: accepted, updated or a
 * duplicate) or refused ({@code refusal}: a revision conflict, a submission in progress, or the broker
 * not acknowledging it, in which case nothing of it counts as accepted).
 */
public record IntakeOutcome(@Nullable IntakeResult result, @Nullable RuntimeException refusal) {

    public static IntakeOutcome taken(IntakeResult result) {
        return new IntakeOutcome(result, null);
    }

    public static IntakeOutcome refused(RuntimeException refusal) {
        return new IntakeOutcome(null, refusal);
    }
}
