package io.npsloop.scoring;

import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How responses are segmented and bucketed.
 *
 * @param timeZone the zone whose calendar days the daily tallies follow
 * @param attributeDimensions response attribute keys that become segment dimensions (region, plan...)
 */
@ConfigurationProperties("nps.scoring")
public record ScoringProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"region", "product", "plan"}) List<String> attributeDimensions) {
}
