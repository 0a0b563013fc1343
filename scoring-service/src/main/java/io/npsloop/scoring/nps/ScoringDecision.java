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
 * <li>a first revision adds one to its category in every segment's bucket of its day;</li>
 * <li>a higher revision takes the old answer out of its old buckets and puts the new one in, so n is unchanged;</li>
 * <li>the same revision from the record that was already applied is a redelivery: nothing changes,
 * but the outputs are published again (the earlier attempt may have died before publishing);</li>
 * <li>the same revision from another record, or a lower revision, is a duplicate: nothing at all.</li>
 * </ul>
 */
public final class ScoringDecision {

    private final Segmentation segmentation;
    private final ZoneId zone;

    public ScoringDecision(Segmentation segmentation, ZoneId zone) {
        this.segmentation = segmentation;
        this.zone = zone;
    }

    public static String responseKey(String source, String responseId) {
        return source + "|" + responseId;
    }

    public Outcome decide(ResponseSubmitted event, String position, @Nullable ScoredResponse existing,
            @Nullable CustomerLastAnswer customerLast) {
        if (existing != null && existing.revision() >= event.revision()) {
            boolean redelivery = existing.revision() == event.revision() && existing.appliedPosition().equals(position);
            return redelivery ? new Outcome.Redelivery(existing) : new Outcome.Duplicate(existing);
        }
        Category category = Classification.of(event.score());
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), zone);
        List<Segment> segments = segmentation.segmentsOf(event.channel(), event.touchpoint(), event.surveyId(), event.attributes());
        String key = responseKey(event.source(), event.responseId());

        Map<DayBucket, TallyDelta> deltas = new LinkedHashMap<>();
        Integer previousScore;
        Category previousCategory;
        String previousResponseId;
        if (existing != null) {
            for (DayBucket bucket : existing.buckets()) {
                deltas.merge(bucket, TallyDelta.NONE.plus(existing.category(), -1), ScoringDecision::sum);
            }
            previousScore = existing.previousScore();
            previousCategory = existing.previousCategory();
            previousResponseId = existing.previousResponseId();
        } else if (customerLast != null && !customerLast.responseKey().equals(key)) {
            previousScore = customerLast.score();
            previousCategory = customerLast.category();
            previousResponseId = customerLast.responseId();
        } else {
            previousScore = null;
            previousCategory = null;
            previousResponseId = null;
        }
        for (Segment segment : segments) {
            deltas.merge(new DayBucket(segment, day), TallyDelta.NONE.plus(category, 1), ScoringDecision::sum);
        }
        deltas.values().removeIf(TallyDelta::isZero);
        ScoredResponse scored = new ScoredResponse(key, event.customerId(), event.revision(), event.score(), category, day,
                segments, previousScore, previousCategory, previousResponseId, position);
        return new Outcome.Applied(scored, deltas, touchedBuckets(existing, scored));
    }

    private static List<DayBucket> touchedBuckets(@Nullable ScoredResponse existing, ScoredResponse scored) {
        Map<DayBucket, Boolean> touched = new LinkedHashMap<>();
        if (existing != null) {
            existing.buckets().forEach(bucket -> touched.put(bucket, true));
        }
        scored.buckets().forEach(bucket -> touched.put(bucket, true));
        return List.copyOf(touched.keySet());
    }

    private static TallyDelta sum(TallyDelta a, TallyDelta b) {
        return new TallyDelta(a.promoters() + b.promoters(), a.passives() + b.passives(), a.detractors() + b.detractors());
    }

    /** What a record does. */
    public sealed interface Outcome {

        /** A new response or a higher revision: apply the deltas, remember the response, publish. */
        record Applied(ScoredResponse scored, Map<DayBucket, TallyDelta> deltas, List<DayBucket> touched) implements Outcome {
        }

        /** The very record that was applied before: publish its outputs again, change nothing. */
        record Redelivery(ScoredResponse scored) implements Outcome {
        }

        /** Another copy of a response already counted, or an older revision: do nothing. */
        record Duplicate(ScoredResponse existing) implements Outcome {
        }
    }
}
