package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.List;

import io.npsloop.contracts.Category;
import org.jspecify.annotations.Nullable;

/**
 * What scoring remembers of one response: the revision it counted, where it counted it, the
 * customer's answer before it, and the position of the input record that was applied
 * ({@code partition:offset}), which tells a redelivery of that record from a second copy.
 */
public record ScoredResponse(
        String key,
        String customerId,
        int revision,
        int score,
        Category category,
        LocalDate day,
        List<Segment> segments,
        @Nullable Integer previousScore,
        @Nullable Category previousCategory,
        @Nullable String previousResponseId,
        String appliedPosition) {

    public List<DayBucket> buckets() {
        return segments.stream().map(segment -> new DayBucket(segment, day)).toList();
    }
}
