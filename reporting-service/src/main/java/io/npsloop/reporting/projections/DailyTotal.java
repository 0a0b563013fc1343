package io.npsloop.reporting.projections;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;

/**
 * The sum of one segment's daily figures over a range of days: the tally, and the count per score
 * ({@code scores[score]}) if every figure in the range carried its counts, otherwise null (a sum
 * missing some days' counts would look exact and be wrong).
 */
public record DailyTotal(NpsTally tally, @Nullable List<Long> scores) {

    /** The sum of no days: nothing counted, and every (no) day's counts known. */
    public static final DailyTotal EMPTY = new DailyTotal(NpsTally.EMPTY, List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));

    public DailyTotal {
        if (scores != null) {
            scores = List.copyOf(scores);
        }
    }

    public DailyTotal plus(NpsTally dayTally, @Nullable List<Long> dayScores) {
        List<Long> sum = null;
        if (scores != null && dayScores != null) {
            sum = new ArrayList<>(DailyFigure.SCORES);
            for (int score = 0; score < DailyFigure.SCORES; score++) {
                sum.add(scores.get(score) + dayScores.get(score));
            }
        }
        return new DailyTotal(tally.plus(dayTally), sum);
    }
}
