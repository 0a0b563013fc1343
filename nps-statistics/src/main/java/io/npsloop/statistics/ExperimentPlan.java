package io.npsloop.statistics;

import org.jspecify.annotations.Nullable;

/**
 * The rule by which an experiment arm is called a winner (or a loser) against control.
 *
 * <ul>
 * <li>No call before both the arm and control have {@code minimumArmSize} cases: below that the
 *     report shows the rates and their intervals, and says nothing more.</li>
 * <li>Looking every day must not manufacture winners. The plan allows {@code plannedLooks} looks
 *     at the data once the arms have reached the minimum size, and spends the error rate evenly
 *     over them (Bonferroni over looks): each look tests at {@code alpha / plannedLooks}. For any
 *     number of looks up to {@code plannedLooks}, the chance of ever naming a false winner stays at
 *     most {@code alpha}. A report can be read more often than planned; the threshold is the same
 *     at every reading, so deciding only at the planned looks (say weekly) is what keeps the bound;
 *     checking daily for longer than {@code plannedLooks} days is not covered by it.</li>
 * <li>With several arms against one control, the threshold is further divided by the number of
 *     arms compared (Bonferroni over arms).</li>
 * <li>The test is Fisher's exact test, which holds its level at any arm size.</li>
 * </ul>
 */
public record ExperimentPlan(long minimumArmSize, int plannedLooks, double alpha) {

    public static final ExperimentPlan DEFAULTS = new ExperimentPlan(30, 5, 0.05);

    public ExperimentPlan {
        if (minimumArmSize < 1) {
            throw new IllegalArgumentException("The minimum arm size must be at least 1, got " + minimumArmSize);
        }
        if (plannedLooks < 1) {
            throw new IllegalArgumentException("The planned looks must be at least 1, got " + plannedLooks);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
    }

    /** The p-value below which one of {@code comparisons} arms may be called different from control. */
    public double threshold(int comparisons) {
        return alpha / plannedLooks / Math.max(1, comparisons);
    }

    public boolean largeEnough(long armCases, long controlCases) {
        return armCases >= minimumArmSize && controlCases >= minimumArmSize;
    }

    public boolean significant(long armCases, long controlCases, @Nullable Double pValue, int comparisons) {
        return pValue != null && largeEnough(armCases, controlCases) && pValue < threshold(comparisons);
    }
}
