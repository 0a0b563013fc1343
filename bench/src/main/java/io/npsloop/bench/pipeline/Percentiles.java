package io.npsloop.bench.pipeline;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations in nanoseconds, printed in milliseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    double millis(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    @Override
    public String toString() {
        return String.format("p50 %s ms, p99 %s ms, max %s ms (n=%,d)", fmt(millis(50)), fmt(millis(99)), fmt(maxMillis()), count());
    }

    static String fmt(double millis) {
        return Double.isNaN(millis) ? "-" : millis >= 100 ? String.format("%,.0f", millis) : String.format("%.1f", millis);
    }
}
