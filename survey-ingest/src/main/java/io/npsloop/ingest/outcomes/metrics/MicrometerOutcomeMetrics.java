package io.npsloop.ingest.outcomes.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.ingest.outcomes.OutcomeMetrics;
import io.npsloop.ingest.responses.IntakeMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code nps.ingest.outcomes} (status, source, kind) and the intake's shared
 * {@code nps.ingest.publish.latency}. Tags are bounded: sources are the API keys' sources, a kind is
 * one of three or {@code invalid} (a rejected outcome that named none of them).
 */
@Component
class MicrometerOutcomeMetrics implements OutcomeMetrics {

    static final String OUTCOMES = "nps.ingest.outcomes";

    private final MeterRegistry registry;
    private final IntakeMetrics intake;

    MicrometerOutcomeMetrics(MeterRegistry registry, IntakeMetrics intake) {
        this.registry = registry;
        this.intake = intake;
    }

    @Override
    public void counted(String source, @Nullable OutcomeKind kind, String status) {
        Counter.builder(OUTCOMES)
                .description("Posted customer outcomes by status")
                .tag("status", status)
                .tag("source", source)
                .tag("kind", kind == null ? "invalid" : kind.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    @Override
    public void published(Duration latency) {
        intake.published(latency);
    }
}
