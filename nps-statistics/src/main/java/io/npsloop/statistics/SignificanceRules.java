package io.npsloop.statistics;

import org.jspecify.annotations.Nullable;

/**
 * When a figure is enough to show as a number and when a difference may be called significant.
 *
 * <p>Below {@code minimumSampleSize} answers a figure is "insufficient": it is still returned, with
 * its (wide) interval, but flagged, drawn as such, and never part of a significance claim. A
 * difference is significant only when both figures are sufficient and its p-value (the adjusted
 * one, where several comparisons are shown together) is below {@code alpha}.
 */
public record SignificanceRules(long minimumSampleSize, double alpha) {

    public static final long DEFAULT_MINIMUM_SAMPLE_SIZE = 30;
    public static final double DEFAULT_ALPHA = 0.05;

    public static final SignificanceRules DEFAULTS = new SignificanceRules(DEFAULT_MINIMUM_SAMPLE_SIZE, DEFAULT_ALPHA);

    public SignificanceRules {
        if (minimumSampleSize < 1) {
            throw new IllegalArgumentException("The minimum sample size must be at least 1, got " + minimumSampleSize);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
    }

    public boolean insufficient(long n) {
        return n < minimumSampleSize;
    }

    public boolean significant(long firstN, long secondN, @Nullable Double pValue) {
        return pValue != null && !insufficient(firstN) && !insufficient(secondN) && pValue < alpha;
    }
}
