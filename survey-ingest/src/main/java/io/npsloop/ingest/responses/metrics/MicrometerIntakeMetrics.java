package io.npsloop.ingest.responses.metrics;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.npsloop.ingest.responses.Channel;
import io.npsloop.ingest.responses.IntakeMetrics;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code nps.ingest.responses} (outcome, source, channel) and {@code nps.ingest.publish.latency}.
 * Tag values are bounded: sources are the configured API keys and survey tools, and a channel
 * outside the known list (only possible for a rejected response) is tagged {@code invalid}.
 */
@Component
class MicrometerIntakeMetrics implements IntakeMetrics {

    static final String RESPONSES = "nps.ingest.responses";
    static final String PUBLISH_LATENCY = "nps.ingest.publish.latency";

    private static final Set<String> CHANNELS = Set.copyOf(Channel.wireNames());

    private final MeterRegistry registry;
    private final Timer publishLatency;

    MicrometerIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.publishLatency = Timer.builder(PUBLISH_LATENCY)
                .description("Time from the intake of a response to the broker's acknowledgement of its event")
                .publishPercentileHistogram()
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

    static String channelTag(@Nullable String channel) {
        if (channel == null) {
            return "none";
        }
        return CHANNELS.contains(channel) ? channel : "invalid";
    }
}
