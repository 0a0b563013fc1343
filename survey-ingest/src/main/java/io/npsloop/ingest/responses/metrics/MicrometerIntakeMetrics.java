package io.npsloop.ingest.responses.metrics;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.npsloop.ingest.responses.Channel;
import io.npsloop.ingest.responses.IntakeMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code nps.ingest.responses} (outcome, source, channel), {@code nps.ingest.publish.latency},
 * {@code nps.ingest.single.group.size} and {@code nps.ingest.single.refused} (reason). Tag values
 * are bounded: sources are the configured API keys and survey tools, a channel outside the known
 * list (only possible for a rejected response) is tagged {@code invalid}, and a reason is
 * {@code queue-full} or {@code stopping}.
 */
@Component
class MicrometerIntakeMetrics implements IntakeMetrics {

    static final String RESPONSES = "nps.ingest.responses";
    static final String PUBLISH_LATENCY = "nps.ingest.publish.latency";
    static final String GROUP_SIZE = "nps.ingest.single.group.size";
    static final String REFUSED = "nps.ingest.single.refused";

    private static final Set<String> CHANNELS = Set.copyOf(Channel.wireNames());

    private final MeterRegistry registry;
    private final Timer publishLatency;
    private final DistributionSummary groupSize;

    MicrometerIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder(PUBLISH_LATENCY)
                .description("Time from the intake of a response to the broker's acknowledgement of its event")
                .publishPercentileHistogram()
                .register(registry);
        this.groupSize = DistributionSummary.builder(GROUP_SIZE)
                .description("Single submissions of one source handed to the intake together")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                .register(registry);
    }

    @Override
    public void counted(String source, @Nullable String channel, String outcome) {
        Counter.builder(RESPONSES)
                .description("Submitted responses by outcome")
                .tag("outcome", outcome)
                .tag("source", source)
                .tag("channel", channelTag(channel))
                .register(registry)
                .increment();
    }

    @Override
    public void published(Duration latency) {
        publishLatency.record(latency);
    }

    @Override
    public void grouped(int size) {
        groupSize.record(size);
    }

    @Override
    public void refusedBeforeIntake(String reason) {
        Counter.builder(REFUSED)
                .description("Single submissions refused before the intake saw them")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    static String channelTag(@Nullable String channel) {
        if (channel == null) {
            return "none";
        }
        return CHANNELS.contains(channel) ? channel : "invalid";
    }
}
