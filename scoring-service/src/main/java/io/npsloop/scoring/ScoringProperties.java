package io.npsloop.scoring;

import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How responses are segmented, bucketed and published.
 *
 * @param timeZone the zone whose calendar days the daily tallies, weeks, months and rolling windows follow
 * @param attributeDimensions response attribute keys that become segment dimensions (region, plan...)
 * @param maxValuesPerDimension distinct values kept per dimension; later new values are counted under {@code other}
 */
@ConfigurationProperties("nps.scoring")
public record ScoringProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"region", "product", "plan"}) List<String> attributeDimensions,
        @DefaultValue("200") int maxValuesPerDimension) {

    public ScoringProperties {
        if (maxValuesPerDimension < 1) {
            throw new IllegalArgumentException("nps.scoring.max-values-per-dimension must be at least 1, got " + maxValuesPerDimension);
        }
        attributeDimensions = List.copyOf(attributeDimensions);
    }
}
