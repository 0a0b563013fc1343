package io.npsloop.reporting.reports;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Nearest-rank percentiles: the smallest value with at least q of all values at or below it
 * (index {@code ceil(q * n) - 1} of the sorted values). The result is always an observed value,
 * so it is exact and reproducible; the median of an even count is the lower middle value.
 */
public final class Percentiles {

    private Percentiles() {
    }

    public static @Nullable Long nearestRank(List<Long> sortedValues, double q) {
        if (sortedValues.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(q * sortedValues.size()) - 1;
        return sortedValues.get(Math.max(0, Math.min(index, sortedValues.size() - 1)));
    }
}
