package io.npsloop.reporting.projections;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;

/**
 * One segment's tally on one day as last reported by scoring. {@code version} grows with every
 * change scoring makes to that tally; figures can arrive out of order, and the highest version wins.
 * {@code scores} is the day's count per score ({@code scores[score]}, 0 to 10), null where the
 * figure did not carry them (an earlier producer, or a day scoring counted before it kept them).
 */
public record DailyFigure(String dimension, String segment, LocalDate day, NpsTally tally, long version,
        @Nullable List<Long> scores) {

    /** Scores 0 to 10. */
    public static final int SCORES = 11;

    public DailyFigure {
        if (scores != null) {
            if (scores.size() != SCORES) {
                throw new IllegalArgumentException("One count per score 0 to 10, got " + scores.size());
            }
            scores = List.copyOf(scores);
        }
    }

    /** A figure without score counts. */
    public DailyFigure(String dimension, String segment, LocalDate day, NpsTally tally, long version) {
        this(dimension, segment, day, tally, version, null);
    }

    /** The figure's place: one kept figure per dimension, segment and day. */
    public String key() {
        return dimension + "|" + segment + "|" + day;
    }

    /**
     * Per dimension, segment and day, the figure with the highest version (the first of equal
     * versions): what storing the figures one by one would keep, so a batch needs one write per day.
     */
    public static List<DailyFigure> latestPerDay(List<DailyFigure> figures) {
        Map<String, DailyFigure> latest = new LinkedHashMap<>();
        for (DailyFigure figure : figures) {
            latest.merge(figure.key(), figure, (kept, next) -> next.version() > kept.version() ? next : kept);
        }
        return new ArrayList<>(latest.values());
    }
}
