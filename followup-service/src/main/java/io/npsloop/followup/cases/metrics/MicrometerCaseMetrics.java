package io.npsloop.followup.cases.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.followup.FollowupProperties;
import io.npsloop.followup.cases.CaseKind;
import io.npsloop.followup.cases.CaseMetrics;
import io.npsloop.followup.cases.CaseStore;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The follow-up meters. Queue tags are limited to the configured {@code followup.metrics.queues}
 * (any other queue counts as {@code other}), because queue names come from alert routing and
 * unbounded tag values would grow the scrape without limit. The open-cases gauge reads a value
 * refreshed on the SLA watch's schedule, so a scrape never scans the cases collection.
 */
@Component
class MicrometerCaseMetrics implements CaseMetrics {

    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final CaseStore store;
    private final List<String> queues;
    private final Map<String, AtomicLong> open = new LinkedHashMap<>();

    MicrometerCaseMetrics(MeterRegistry registry, CaseStore store, FollowupProperties properties) {
        this.registry = registry;
        this.store = store;
        this.queues = properties.metrics().queues();
        for (String queue : queues) {
            AtomicLong value = new AtomicLong();
            open.put(queue, value);
            Gauge.builder("nps.followup.cases.open", value, AtomicLong::get)
                    .description("Active cases (open, claimed, contacted, escalated, reopened) per queue")
                    .tag("queue", queue)
                    .register(registry);
        }
    }

    @Override
    public void opened(CaseKind kind, String queue) {
        Counter.builder("nps.followup.cases.opened").description("Cases opened (redeliveries not counted)")
                .tag("kind", kind.name()).tag("queue", bounded(queue)).register(registry).increment();
    }

    @Override
    public void escalated(String level) {
        Counter.builder("nps.followup.escalations").description("SLA escalations by the level reached")
                .tag("level", level).register(registry).increment();
    }

    @Override
    public void transition(String action) {
        Counter.builder("nps.followup.transitions").description("Stored case changes by action")
                .tag("action", action).register(registry).increment();
    }

    /** Recounts the active cases per configured queue. */
    @Scheduled(fixedDelayString = "${followup.sla-check-interval:PT1M}", initialDelayString = "PT0S")
    void refreshOpenCases() {
        Map<String, Long> counts = store.activeCountsByQueue();
        open.forEach((queue, value) -> value.set(counts.getOrDefault(queue, 0L)));
    }

    private String bounded(String queue) {
        return queues.contains(queue) ? queue : OTHER;
    }
}
