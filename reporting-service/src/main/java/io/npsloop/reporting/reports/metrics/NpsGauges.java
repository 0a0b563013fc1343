package io.npsloop.reporting.reports.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.npsloop.reporting.reports.SegmentsReport;
import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * NPS per configured segment and rolling window as Prometheus gauges: {@code nps.score},
 * {@code nps.score.lower} and {@code nps.score.upper} (the adjusted Wald 95% interval, Rocks 2016;
 * no row for a window without answers), {@code nps.score.insufficient} (1 below the minimum sample
 * size, else 0), {@code nps.score.margin.of.error} (the plain Wald margin, kept for existing
 * dashboards; it reads 0 for unanimous answers) and {@code nps.responses}, tagged dimension,
 * segment and window.
 * Cardinality is bounded: only configured dimensions, at most {@code gauge-max-segments} segments
 * each, three windows. Recomputed on a schedule, not per scrape, so a scrape never scans the store.
 */
@Component
class NpsGauges {

    static final int[] WINDOWS = {7, 30, 90};

    private final SegmentsReport segments;
    private final int maxSegments;
    private final MultiGauge score;
    private final MultiGauge margin;
    private final MultiGauge lower;
    private final MultiGauge upper;
    private final MultiGauge insufficient;
    private final MultiGauge responses;

    NpsGauges(SegmentsReport segments, MeterRegistry registry, @Value("${nps.reporting.gauge-max-segments:20}") int maxSegments) {
        this.segments = segments;
        this.maxSegments = maxSegments;
        this.score = MultiGauge.builder("nps.score").description("NPS over the rolling window").register(registry);
        this.margin = MultiGauge.builder("nps.score.margin.of.error").description("Plain (Wald) 95% margin of error of nps.score").register(registry);
        this.lower = MultiGauge.builder("nps.score.lower").description("Lower bound of the adjusted Wald 95% interval of nps.score").register(registry);
        this.upper = MultiGauge.builder("nps.score.upper").description("Upper bound of the adjusted Wald 95% interval of nps.score").register(registry);
        this.insufficient = MultiGauge.builder("nps.score.insufficient").description("1 when the window has fewer answers than the minimum sample size").register(registry);
        this.responses = MultiGauge.builder("nps.responses").description("Responses in the rolling window").register(registry);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${nps.reporting.gauge-refresh:1m}")
    void refresh() {
        List<MultiGauge.Row<?>> scores = new ArrayList<>();
        List<MultiGauge.Row<?>> margins = new ArrayList<>();
        List<MultiGauge.Row<?>> lowers = new ArrayList<>();
        List<MultiGauge.Row<?>> uppers = new ArrayList<>();
        List<MultiGauge.Row<?>> flags = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        for (int days : WINDOWS) {
            for (Map.Entry<List<String>, NpsTally> e : segments.tallies(days, maxSegments).entrySet()) {
                Tags tags = Tags.of("dimension", e.getKey().get(0), "segment", e.getKey().get(1), "window", days + "d");
                NpsTally t = e.getValue();
                scores.add(MultiGauge.Row.of(tags, t.nps()));
                margins.add(MultiGauge.Row.of(tags, t.marginOfError()));
                NpsInterval interval = t.interval();
                if (interval != null) {
                    lowers.add(MultiGauge.Row.of(tags, interval.lower()));
                    uppers.add(MultiGauge.Row.of(tags, interval.upper()));
                }
                flags.add(MultiGauge.Row.of(tags, segments.rules().insufficient(t.n()) ? 1 : 0));
                counts.add(MultiGauge.Row.of(tags, t.n()));
            }
        }
        score.register(scores, true);
        margin.register(margins, true);
        lower.register(lowers, true);
        upper.register(uppers, true);
        insufficient.register(flags, true);
        responses.register(counts, true);
    }
}
