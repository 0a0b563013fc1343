package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.List;

/**
 * The cap on distinct values per dimension: past {@code maxValuesPerDimension} values, a new value
 * is counted under {@value #OTHER}, so a free-text or buggy attribute cannot create a bucket per
 * response and explode storage. Values admitted before the cap was reached keep their own
 * segment. The overall segment is never capped.
 */
public final class SegmentCap {

    public static final String OTHER = "other";

    private final SegmentValues values;
    private final int maxValuesPerDimension;

    public SegmentCap(SegmentValues values, int maxValuesPerDimension) {
        if (maxValuesPerDimension < 1) {
            throw new IllegalArgumentException("The cap admits at least one value per dimension, got " + maxValuesPerDimension);
        }
        this.values = values;
        this.maxValuesPerDimension = maxValuesPerDimension;
    }

    public List<Segment> apply(List<Segment> segments) {
        List<Segment> capped = new ArrayList<>(segments.size());
        for (Segment segment : segments) {
            capped.add(map(segment));
        }
        return capped;
    }

    private Segment map(Segment segment) {
        if (segment.equals(Segment.OVERALL) || OTHER.equals(segment.value())
                || values.admit(segment.dimension(), segment.value(), maxValuesPerDimension)) {
            return segment;
        }
        return new Segment(segment.dimension(), OTHER);
    }
}
