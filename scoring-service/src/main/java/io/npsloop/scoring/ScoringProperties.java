package io.npsloop.scoring;

import java.time.ZoneId;
import java.util.List;

import io.npsloop.statistics.SignificanceRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How responses are segmented, bucketed and published.
 *
 * @param timeZone the zone whose calendar days the daily tallies, weeks, months and rolling windows follow
 * @param attributeDimensions response attribute keys that become segment dimensions (region, plan...)
 * @param maxValuesPerDimension distinct values kept per dimension; later new values are counted under {@code other}
 * @param minimumSampleSize below this many answers a figure is marked {@code insufficient} and never called significant
 */
@ConfigurationProperties("nps.scoring")
public record ScoringProperties(
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue({"region", "product", "plan"}) List<String> attributeDimensions,
        @DefaultValue("200") int maxValuesPerDimension,
        @DefaultValue("30") long minimumSampleSize) {

    public ScoringProperties {
        if (maxValuesPerDimension < 1) {
            throw new IllegalArgumentException("nps.scoring.max-values-per-dimension must be at least 1, got " + maxValuesPerDimension);
        }
        if (minimumSampleSize < 1) {
            throw new IllegalArgumentException("nps.scoring.minimum-sample-size must be at least 1, got " + minimumSampleSize);
        }
        attributeDimensions = List.copyOf(attributeDimensions);
    }

    public SignificanceRules significanceRules() {
        return new SignificanceRules(minimumSampleSize, SignificanceRules.DEFAULT_ALPHA);
    }
}
