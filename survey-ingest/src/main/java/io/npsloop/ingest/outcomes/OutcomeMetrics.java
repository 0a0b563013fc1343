package io.npsloop.ingest.outcomes;

import java.time.Duration;

import io.npsloop.contracts.OutcomeKind;
import org.jspecify.annotations.Nullable;

/** Counts what became of posted outcomes and times how long the broker took to take them. */
public interface OutcomeMetrics {

    /** {@code status} is accepted, duplicate or rejected; {@code kind} is null when the outcome named none valid. */
    void counted(String source, @Nullable OutcomeKind kind, String status);

    void published(Duration latency);

    OutcomeMetrics NONE = new OutcomeMetrics() {
        @Override
        public void counted(String source, @Nullable OutcomeKind kind, String status) {
        }

        @Override
        public void published(Duration latency) {
        }
    };
}
