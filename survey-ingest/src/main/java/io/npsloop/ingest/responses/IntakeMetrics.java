package io.npsloop.ingest.responses;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Counts what became of submitted responses and times how long the broker took to take them. */
public interface IntakeMetrics {

    /** {@code outcome} is accepted, updated, duplicate or rejected; {@code channel} is null when the response named none. */
    void counted(String source, @Nullable String channel, String outcome);

    /** Time from the start of the intake of a response to the broker's acknowledgement of its event. */
    void published(Duration latency);

    /** {@code size} single submissions of one source were handed to the intake together ({@link SubmissionGrouping}). */
    default void grouped(int size) {
    }

    /** A single submission was refused before the intake saw it; {@code reason} is {@code queue-full} or {@code stopping}. */
    default void refusedBeforeIntake(String reason) {
    }

    IntakeMetrics NONE = new IntakeMetrics() {
        @Override
        public void counted(String source, @Nullable String channel, String outcome) {
        }

        @Override
        public void published(Duration latency) {
        }
    };
}
