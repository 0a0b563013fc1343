package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.Category;
import org.jspecify.annotations.Nullable;

/**
 * What scoring remembers of one response: the revision it counted, where it counted it (the
 * segments after the cap, so a later revision removes exactly what was added), the buckets of the
 * revision it replaced, the customer's answer before it, and the position of the input record that
 * was applied ({@code partition:offset}), which tells a redelivery of that record from a second copy.
 */
public record ScoredResponse(
        String key,
        String customerId,
        int revision,
        int score,
        Category category,
        LocalDate day,
        List<Segment> segments,
        List<DayBucket> replaced,
        @Nullable Integer previousScore,
        @Nullable Category previousCategory,
        @Nullable String previousResponseId,
        String appliedPosition) {

    public ScoredResponse {
        segments = List.copyOf(segments);
        replaced = List.copyOf(replaced);
    }

    public List<DayBucket> buckets() {
        return segments.stream().map(segment -> new DayBucket(segment, day)).toList();
    }

    /** Every bucket whose figure this revision changed: the replaced revision's and its own. */
    public List<DayBucket> touched() {
        Set<DayBucket> touched = new LinkedHashSet<>(replaced);
        touched.addAll(buckets());
        return List.copyOf(touched);
    }
}
