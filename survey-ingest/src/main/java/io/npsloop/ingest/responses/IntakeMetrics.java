package io.npsloop.ingest.responses;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Counts what became of submitted responses and times how long the broker took to take them. */
public interface IntakeMetrics {

    /** {@code outcome} is accepted, updated, duplicate or rejected; {@code channel} is null when the response named none. */
    void counted(String source, @Nullable String channel, String outcome);

    /** Time from the start of the intake of a response to the broker's acknowledgement of its event. */
    void published(Duration latency);

    IntakeMetrics NONE = new IntakeMetrics() {
        @Override
        public void counted(String source, @Nullable String channel, String outcome) {
        }

        @Override
        public void published(Duration latency) {
        }
    };
}
