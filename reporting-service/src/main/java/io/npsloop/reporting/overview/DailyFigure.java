package io.npsloop.reporting.overview;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.statistics.NpsTally;

/**
 * One segment's tally on one day as last reported by scoring. {@code version} grows with every
 * change scoring makes to that tally; figures can arrive out of order, and the highest version wins.
 */
public record DailyFigure(String dimension, String segment, LocalDate day, NpsTally tally, long version) {

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
