package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Which segments a response counts in: always {@link Segment#OVERALL}, then its channel,
 * touchpoint and survey, then each configured attribute dimension the response carries. Values are
 * trimmed, and the key separator {@code |} is replaced by {@code /}: tally ids are
 * {@code dimension|value|day}, and a value containing the separator could otherwise fall inside
 * another segment's id range.
 */
public final class Segmentation {

    public static final String CHANNEL = "channel";
    public static final String TOUCHPOINT = "touchpoint";
    public static final String SURVEY = "surveyId";

    private final List<String> attributeDimensions;

    public Segmentation(List<String> attributeDimensions) {
        this.attributeDimensions = List.copyOf(attributeDimensions);
    }

    public List<Segment> segmentsOf(@Nullable String channel, @Nullable String touchpoint, @Nullable String surveyId,
            Map<String, String> attributes) {
        List<Segment> segments = new ArrayList<>();
        segments.add(Segment.OVERALL);
        addIfPresent(segments, CHANNEL, channel);
        addIfPresent(segments, TOUCHPOINT, touchpoint);
        addIfPresent(segments, SURVEY, surveyId);
        for (String dimension : attributeDimensions) {
            addIfPresent(segments, dimension, attributes.get(dimension));
        }
        return segments;
    }

    /** The dimensions a response can be segmented by, overall first. */
    public List<String> dimensions() {
        List<String> dimensions = new ArrayList<>(List.of(Segment.OVERALL.dimension(), CHANNEL, TOUCHPOINT, SURVEY));
        dimensions.addAll(attributeDimensions);
        return dimensions;
    }

    public boolean isDimension(String dimension) {
        return Segment.OVERALL.dimension().equals(dimension) || CHANNEL.equals(dimension) || TOUCHPOINT.equals(dimension)
                || SURVEY.equals(dimension) || attributeDimensions.contains(dimension);
    }

    private static void addIfPresent(List<Segment> segments, String dimension, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            segments.add(new Segment(dimension, value.trim().replace('|', '/')));
        }
    }
}
