package io.npsloop.ingest.apikeys;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import io.npsloop.testing.MutableClock;

class KeyUsageTests {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final KeyUsage usage = new KeyUsage(clock);

    @Test
    void theLatestUseOfEachKeyIsDrainedOnce() {
        usage.used("crm");
        clock.advance(Duration.ofSeconds(3));
        usage.used("crm");
        usage.used("shop");

        assertThat(usage.drain()).isEqualTo(Map.of("crm", T0.plusSeconds(3), "shop", T0.plusSeconds(3)));
        assertThat(usage.drain()).isEmpty();
        assertThat(usage.unsaved()).isEmpty();
    }

    @Test
    void restoredUsesDoNotHideALaterOne() {
        usage.used("crm");
        Map<String, Instant> failedToSave = usage.drain();
        clock.advance(Duration.ofSeconds(5));
        usage.used("crm");

        usage.restore(failedToSave);

        assertThat(usage.drain()).isEqualTo(Map.of("crm", T0.plusSeconds(5)));
    }

    @Test
    void timesAreKeptToTheMillisecondAsTheStoreKeepsThem() {
        clock.set(T0.plusNanos(1_234_567));
        usage.used("crm");

        assertThat(usage.unsaved()).containsEntry("crm", T0.plusMillis(1));
    }
}
