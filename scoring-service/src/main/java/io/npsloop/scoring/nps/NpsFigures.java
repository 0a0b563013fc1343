package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;

import io.npsloop.statistics.Granularity;
import io.npsloop.statistics.DayRange;
import io.npsloop.statistics.SignificanceRules;

/**
 * The read side: every figure is the sum of the daily tallies of one segment over a day range (one
 * read of the month documents that hold them), so any window, calendar period or trend point is exact to the
 * same degree as the daily tallies.
 */
public class NpsFigures {

    private final ScoringStore store;
    private final SegmentValues segmentValues;
    private final SignificanceRules rules;

    public NpsFigures(ScoringStore store, SegmentValues segmentValues, SignificanceRules rules) {
        this.store = store;
        this.segmentValues = segmentValues;
        this.rules = rules;
    }

    public NpsFigure figure(Segment segment, DayRange range) {
        return NpsFigure.of(segment, range, VersionedTally.sum(store.daily(segment, range).values()).tally(), rules);
    }

    /** One point per bucket of the granularity, empty buckets included (n = 0), so gaps are visible. */
    public List<NpsFigure> trend(Segment segment, DayRange range, Granularity granularity) {
        NavigableMap<LocalDate, VersionedTally> daily = store.daily(segment, range);
        List<NpsFigure> points = new ArrayList<>();
        for (DayRange bucket : granularity.bucketsOf(range)) {
            VersionedTally sum = VersionedTally.sum(daily.subMap(bucket.from(), true, bucket.to(), true).values());
            points.add(NpsFigure.of(segment, bucket, sum.tally(), rules));
        }
        return points;
    }

    public NpsComparison compare(Segment first, DayRange firstRange, Segment second, DayRange secondRange) {
        return NpsComparison.of(figure(first, firstRange), figure(second, secondRange), rules);
    }

    /**
     * The figure of every value of a dimension over the range, largest n first; values past the cap
     * show up as {@value SegmentCap#OTHER}.
     */
    public List<NpsFigure> segments(String dimension, DayRange range) {
        if (Segment.OVERALL.dimension().equals(dimension)) {
            return List.of(figure(Segment.OVERALL, range));
        }
        List<String> values = new ArrayList<>(segmentValues.admitted(dimension));
        if (!values.contains(SegmentCap.OTHER)) {
            values.add(SegmentCap.OTHER);
        }
        List<NpsFigure> figures = new ArrayList<>();
        for (String value : values) {
            NpsFigure figure = figure(new Segment(dimension, value), range);
            if (figure.n() > 0 || !SegmentCap.OTHER.equals(value)) {
                figures.add(figure);
            }
        }
        figures.sort(Comparator.comparingLong(NpsFigure::n).reversed().thenComparing(NpsFigure::segment));
        return figures;
    }
}
