package io.npsloop.scoring.nps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SegmentCapTests {

    private final InMemoryScoringStore values = new InMemoryScoringStore();
    private final SegmentCap cap = new SegmentCap(values, 2);

    @Test
    void valuesPastTheCapAreCountedUnderOther() {
        assertThat(cap.apply(List.of(new Segment("region", "EMEA")))).containsExactly(new Segment("region", "EMEA"));
        assertThat(cap.apply(List.of(new Segment("region", "APAC")))).containsExactly(new Segment("region", "APAC"));

        assertThat(cap.apply(List.of(new Segment("region", "LATAM")))).containsExactly(new Segment("region", "other"));
    }

    @Test
    void anAdmittedValueStaysAdmittedOnceTheDimensionIsFull() {
        cap.apply(List.of(new Segment("region", "EMEA"), new Segment("plan", "pro")));
        cap.apply(List.of(new Segment("region", "APAC")));
        cap.apply(List.of(new Segment("region", "LATAM")));

        assertThat(cap.apply(List.of(new Segment("region", "EMEA")))).containsExactly(new Segment("region", "EMEA"));
        assertThat(cap.apply(List.of(new Segment("region", "LATAM")))).containsExactly(new Segment("region", "other"));
    }

    @Test
    void eachDimensionHasItsOwnCap() {
        cap.apply(List.of(new Segment("region", "EMEA"), new Segment("region", "APAC")));

        assertThat(cap.apply(List.of(new Segment("plan", "pro")))).containsExactly(new Segment("plan", "pro"));
    }

    @Test
    void overallAndOtherTakeNoPlace() {
        cap.apply(List.of(Segment.OVERALL, new Segment("region", "other")));

        assertThat(values.admitted("overall")).isEmpty();
        assertThat(values.admitted("region")).isEmpty();
    }

    @Test
    void capAdmitsAtLeastOneValue() {
        assertThatThrownBy(() -> new SegmentCap(values, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
