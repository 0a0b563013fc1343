package io.npsloop.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Control of the false discovery rate when many comparisons are shown at once (every segment
 * against the rest, every week against the week before, every theme).
 *
 * <p>Benjamini and Hochberg (1995), "Controlling the False Discovery Rate", JRSS B 57: with the m
 * p-values sorted ascending, the adjusted p-value of the i-th is {@code min over j >= i of
 * p(j) * m / j}, capped at 1; calling "significant" those whose adjusted p-value is below alpha
 * keeps the expected share of false discoveries among them at most alpha (for independent or
 * positively dependent tests). These are the values R's {@code p.adjust(p, "BH")} gives.
 */
public final class MultipleComparisons {

    private MultipleComparisons() {
    }

    /**
     * The BH-adjusted p-values, in the order given. Nulls (undefined comparisons, such as against an
     * empty figure) stay null and do not count in m.
     */
    public static List<@Nullable Double> benjaminiHochberg(List<@Nullable Double> pValues) {
        return adjust(pValues);
    }

    /** {@link #benjaminiHochberg} of the differences' p-values, in the order given (null where a difference is undefined). */
    public static List<@Nullable Double> benjaminiHochbergOf(List<NpsDifference> differences) {
        return adjust(differences.stream().map(NpsDifference::pValue).toList());
    }

    private static List<@Nullable Double> adjust(List<@Nullable Double> pValues) {
        List<Integer> defined = new ArrayList<>();
        for (int i = 0; i < pValues.size(); i++) {
            Double p = pValues.get(i);
            if (p != null) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("A p-value must be within [0, 1], got " + p);
                }
                defined.add(i);
            }
        }
        defined.sort(Comparator.comparingDouble(i -> pValues.get(i)));
        int m = defined.size();
        Double[] adjusted = new Double[pValues.size()];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int index = defined.get(rank - 1);
            running = Math.min(running, pValues.get(index) * m / rank);
            adjusted[index] = running;
        }
        return Arrays.asList(adjusted);
    }
}
