package io.npsloop.scoring.nps;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ResponseSubmitted;
import org.jspecify.annotations.Nullable;

/**
 * Decides what one input record does to the tallies, given what was already applied for its
 * response. This is where "nothing is counted twice" is decided:
 * <ul>
 * <li>a first revision adds one to its category and to its score's count in every segment's bucket of its day;</li>
 * <li>a higher revision takes the old answer (category and score) out of its old buckets and puts the
 * new one in, so n is unchanged; a revision to another score of the same category and day still
 * moves one count from the old score to the new;</li>
 * <li>the same revision from the record that was already applied is a redelivery: nothing changes,
 * but the outputs are published again (copies, which consumers drop by id);</li>
 * <li>the same revision from another record, or a lower revision, is a duplicate: nothing at all.</li>
 * </ul>
 * A record that died between applying its deltas and saving its response comes back with nothing
 * saved and is decided as new again, with the same deltas; the store's per-partition offset guard
 * then skips the buckets that were already changed (see {@link ScoringStore#applyDeltas}).
 */
public final class ScoringDecision {

    private final Segmentation segmentation;
    private final SegmentCap cap;
    private final ZoneId zone;

    public ScoringDecision(Segmentation segmentation, SegmentCap cap, ZoneId zone) {
        this.segmentation = segmentation;
        this.cap = cap;
        this.zone = zone;
    }

    public static String responseKey(String source, String responseId) {
        return source + "|" + responseId;
    }

    /** The calendar day of an answer in the scoring time zone: the day whose tallies count it. */
    public LocalDate dayOf(ResponseSubmitted event) {
        return LocalDate.ofInstant(event.occurredAt(), zone);
    }

    public Outcome decide(ResponseSubmitted event, String position, @Nullable ScoredResponse existing, CustomerHistory history) {
        if (existing != null && existing.revision() >= event.revision()) {
            boolean redelivery = existing.revision() == event.revision() && existing.appliedPosition().equals(position);
            return redelivery ? new Outcome.Redelivery(existing) : new Outcome.Duplicate(existing);
        }
        Category category = Classification.of(event.score());
        LocalDate day = dayOf(event);
        List<Segment> segments = cap.apply(
                segmentation.segmentsOf(event.channel(), event.touchpoint(), event.surveyId(), event.attributes()));
        String key = responseKey(event.source(), event.responseId());

        Map<DayBucket, TallyDelta> deltas = new LinkedHashMap<>();
        List<DayBucket> replaced = List.of();
        Integer previousScore;
        Category previousCategory;
        String previousResponseId;
        if (existing != null) {
            // A revision replaces the answer where it was counted, and keeps the previous answer it had.
            replaced = existing.buckets();
            for (DayBucket bucket : replaced) {
                deltas.merge(bucket, TallyDelta.NONE.plus(existing.score(), -1), TallyDelta::plus);
            }
            previousScore = existing.previousScore();
            previousCategory = existing.previousCategory();
            previousResponseId = existing.previousResponseId();
        } else {
            CustomerAnswer previous = history.previousOf(key, event.occurredAt());
            previousScore = previous == null ? null : previous.score();
            previousCategory = previous == null ? null : previous.category();
            previousResponseId = previous == null ? null : previous.responseId();
        }
        for (Segment segment : segments) {
            deltas.merge(new DayBucket(segment, day), TallyDelta.NONE.plus(event.score(), 1), TallyDelta::plus);
        }
        deltas.values().removeIf(TallyDelta::isZero);
        ScoredResponse scored = new ScoredResponse(key, event.customerId(), event.revision(), event.score(), category, day,
                segments, replaced, previousScore, previousCategory, previousResponseId, position);
        return new Outcome.Applied(scored, deltas);
    }

    /** What a record does. */
    public sealed interface Outcome {

        /** A short lowercase name, used as a metric tag. */
        String name();

        /** A new response or a higher revision: apply the deltas, remember the response, publish. */
        record Applied(ScoredResponse scored, Map<DayBucket, TallyDelta> deltas) implements Outcome {
            @Override
            public String name() {
                return "applied";
            }
        }

        /** The very record that was applied before: publish its outputs again, change nothing. */
        record Redelivery(ScoredResponse scored) implements Outcome {
            @Override
            public String name() {
                return "redelivery";
            }
        }

        /** Another copy of a response already counted, or an older revision: do nothing. */
        record Duplicate(ScoredResponse existing) implements Outcome {
            @Override
            public String name() {
                return "duplicate";
            }
        }
    }
}
