package io.npsloop.scoring.nps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SegmentationTests {

    private final Segmentation segmentation = new Segmentation(List.of("region", "plan"));

    @Test
    void responseCountsOverallAndInEachDimensionItCarries() {
        List<Segment> segments = segmentation.segmentsOf("email", "checkout", "s-1", Map.of("region", "EMEA", "plan", "pro"));

        assertThat(segments).containsExactly(Segment.OVERALL, new Segment("channel", "email"), new Segment("touchpoint", "checkout"),
                new Segment("surveyId", "s-1"), new Segment("region", "EMEA"), new Segment("plan", "pro"));
    }

    @Test
    void missingAndBlankValuesAndUnconfiguredAttributesAreNoSegment() {
        List<Segment> segments = segmentation.segmentsOf(null, " ", null, Map.of("team", "blue", "region", ""));

        assertThat(segments).containsExactly(Segment.OVERALL);
    }

    @Test
    void valuesAreTrimmedAndCannotContainTheIdSeparator() {
        List<Segment> segments = segmentation.segmentsOf(" email ", null, null, Map.of("region", "EMEA|2026-03-01"));

        assertThat(segments).contains(new Segment("channel", "email"), new Segment("region", "EMEA/2026-03-01"));
    }

    @Test
    void configuredAttributesAndBuiltInDimensionsAreDimensions() {
        assertThat(segmentation.dimensions()).containsExactly("overall", "channel", "touchpoint", "surveyId", "region", "plan");
        assertThat(segmentation.isDimension("plan")).isTrue();
        assertThat(segmentation.isDimension("team")).isFalse();
    }
}
