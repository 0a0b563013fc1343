package io.npsloop.reporting;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How reports read the calendar, which segments they show and how themes and experiments are read.
 *
 * @param timeZone the zone whose days "today", the windows and the trend periods follow; keep it equal to scoring's
 * @param dimensions the segment dimensions shown in segment views, revenue at risk and gauges (response attributes,
 *        or {@code channel} / {@code touchpoint})
 * @param themes the theme lexicon: theme name to keywords in any language, matched case-insensitively after NFKC
 * @param controlArm the experiment arm every other arm is tested against
 * @param gaugeRefresh how often the Prometheus NPS gauges are recomputed
 * @param gaugeMaxSegments at most this many segments per dimension become gauges, to bound cardinality
 */
@ConfigurationProperties("nps.reporting")
public record ReportingProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"region", "product", "channel", "touchpoint", "plan"}) List<String> dimensions,
        @DefaultValue Map<String, List<String>> themes,
        @DefaultValue("control") String controlArm,
        @DefaultValue("1m") Duration gaugeRefresh,
        @DefaultValue("20") int gaugeMaxSegments) {
}
