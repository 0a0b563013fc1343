package io.npsloop.scoring.nps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.statistics.NpsTally;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The exactness laws on random streams in random batches: whatever mix of duplicates, revisions
 * (also within one batch) and redeliveries with other batch boundaries arrives, after crashes
 * between the tally writes and the response writes, in the middle of the tally writes or in a send
 * that was never acknowledged, the tallies (categories and the count per score) equal a count of the
 * latest revision of each response, made here without any scoring code, and so do the last published
 * figures; and every revision of every response was published as scored.
 */
class ResponseScoringPropertyTests {

    private static final Instant NOW = Instant.parse("2026-03-31T10:00:00Z");
    private static final String[] REGIONS = {"EMEA", "APAC", "AMER"};

    @Property(tries = 100)
    void talliesEqualAnIndependentCountOfTheLatestRevisions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int responses) {
        List<ResponseSubmitted> stream = stream(new Random(seed), responses);
        Map<DayBucket, NpsTally> expected = independentCount(stream);
        RecordingScoringEvents events = new RecordingScoringEvents();

        InMemoryScoringStore store = score(stream, new Random(seed ^ 1), false, events);

        assertThat(store.allTallies()).isEqualTo(expected);
        assertThat(store.allScoreCounts()).isEqualTo(independentScoreCounts(stream));
        assertThat(lastFigures(events)).isEqualTo(independentFigures(stream));
    }

    @Property(tries = 100)
    void redeliveringAnyPrefixChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int responses) {
        List<ResponseSubmitted> stream = stream(new Random(seed), responses);

        RecordingScoringEvents events = new RecordingScoringEvents();

        InMemoryScoringStore store = score(stream, new Random(seed ^ 1), true, events);

        assertThat(store.allTallies()).isEqualTo(independentCount(stream));
        assertThat(store.allScoreCounts()).isEqualTo(independentScoreCounts(stream));
        assertThat(lastFigures(events)).isEqualTo(independentFigures(stream));
        assertThat(events.scored).extracting(scored -> scored.responseId() + "#" + scored.revision())
                .as("every revision published as scored, whatever died where")
                .containsAll(stream.stream().map(response -> response.responseId() + "#" + response.revision()).toList());
    }

    /**
     * Scores the stream on one partition; with {@code redeliver}, dies now and then (between changing
     * the tallies and saving the response, mid-tallies, or in a send) and replays from an earlier offset, as after a crash.
     */
    private static InMemoryScoringStore score(List<ResponseSubmitted> stream, Random random, boolean redeliver,
            RecordingScoringEvents events) {
        InMemoryScoringStore store = new InMemoryScoringStore();
        ResponseScoring scoring = new ResponseScoring(
                new ScoringDecision(new Segmentation(List.of("region")), new SegmentCap(store, 100), ZoneOffset.UTC),
                store, events, Clock.fixed(NOW, ZoneOffset.UTC));
        int offset = 0;
        int crashes = redeliver ? 1 + random.nextInt(3) : 0;
        while (offset < stream.size()) {
            // Batches of random sizes, so a redelivered batch starts and ends elsewhere than the first delivery did.
            int size = Math.min(stream.size() - offset, 1 + random.nextInt(12));
            List<ScoringInput> batch = new ArrayList<>(size);
            for (int i = offset; i < offset + size; i++) {
                batch.add(new ScoringInput(stream.get(i), 0, i));
            }
            boolean crash = crashes > 0 && random.nextInt(6) == 0;
            int how = random.nextInt(4);
            store.dieBeforeNextSave = crash && how == 0;
            store.dieMidTallies = crash && how == 1;
            events.failNextPublish = crash && how == 2;
            try {
                scoring.scoreAll(batch);
                offset += size;
            } catch (IllegalStateException died) {
                // Some tallies changed or sends failed, responses not saved: the records come back below.
                store.dieBeforeNextSave = false;
                store.dieMidTallies = false;
                events.failNextPublish = false;
            }
            if (crash) {
                // Back to an earlier committed offset: everything after it is delivered again, in order.
                crashes--;
                offset = Math.max(0, offset - random.nextInt(15));
            }
        }
        return store;
    }

    private static List<ResponseSubmitted> stream(Random random, int responses) {
        List<ResponseSubmitted> stream = new ArrayList<>();
        Map<Integer, Integer> revisions = new HashMap<>();
        for (int i = 0; i < responses * 2; i++) {
            int id = random.nextInt(responses);
            int revision = revisions.getOrDefault(id, 0);
            boolean duplicate = revision > 0 && random.nextBoolean();
            if (!duplicate) {
                revision++;
                revisions.put(id, revision);
            }
            stream.add(Responses.response("r-" + id, revision, "c-" + id, score(id, revision),
                    NOW.minusSeconds(86_400L * ((id * 7L + revision) % 100)), revision % 2 == 0 ? "sms" : "email",
                    Map.of("region", REGIONS[(id + revision) % REGIONS.length])));
        }
        return stream;
    }

    /** The same revision of a response always carries the same answer, as a copy of it would. */
    private static int score(int id, int revision) {
        return (id * 31 + revision * 17) % 11;
    }

    /** The latest revision of each response, by response id. */
    private static Map<String, ResponseSubmitted> latest(List<ResponseSubmitted> stream) {
        Map<String, ResponseSubmitted> latest = new HashMap<>();
        for (ResponseSubmitted response : stream) {
            latest.merge(response.responseId(), response, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        return latest;
    }

    private static List<Segment> segmentsOf(ResponseSubmitted response) {
        return List.of(Segment.OVERALL, new Segment("channel", response.channel()), new Segment("surveyId", "s-1"),
                new Segment("region", response.attributes().get("region")));
    }

    /** Per bucket, how many latest revisions gave each score (index = score); buckets left empty are absent. */
    private static Map<DayBucket, List<Long>> independentScores(List<ResponseSubmitted> stream) {
        Map<DayBucket, List<Long>> counts = new HashMap<>();
        for (ResponseSubmitted response : latest(stream).values()) {
            LocalDate day = LocalDate.ofInstant(response.occurredAt(), ZoneOffset.UTC);
            for (Segment segment : segmentsOf(response)) {
                List<Long> scores = counts.computeIfAbsent(new DayBucket(segment, day),
                        bucket -> new ArrayList<>(java.util.Collections.nCopies(11, 0L)));
                scores.set(response.score(), scores.get(response.score()) + 1);
            }
        }
        return counts;
    }

    private static Map<DayBucket, ScoreCounts> independentScoreCounts(List<ResponseSubmitted> stream) {
        Map<DayBucket, ScoreCounts> counts = new HashMap<>();
        independentScores(stream).forEach((bucket, scores) ->
                counts.put(bucket, ScoreCounts.of(scores.stream().mapToLong(Long::longValue).toArray())));
        return counts;
    }

    /** What a reader of the figures expects per bucket with answers: n and the count per score. */
    private static Map<DayBucket, List<Long>> independentFigures(List<ResponseSubmitted> stream) {
        Map<DayBucket, List<Long>> figures = new HashMap<>();
        independentScores(stream).forEach((bucket, scores) -> {
            List<Long> figure = new ArrayList<>(scores);
            figure.add(0, scores.stream().mapToLong(Long::longValue).sum());
            figures.put(bucket, figure);
        });
        return figures;
    }

    /** Per bucket, n and the score counts of the published figure with the highest version, as a reader keeps it. */
    private static Map<DayBucket, List<Long>> lastFigures(RecordingScoringEvents events) {
        Map<DayBucket, NpsMetricsUpdated> last = new HashMap<>();
        for (NpsMetricsUpdated figure : events.metrics) {
            last.merge(new DayBucket(new Segment(figure.dimension(), figure.segment()), figure.to()), figure,
                    (kept, next) -> next.version() > kept.version() ? next : kept);
        }
        Map<DayBucket, List<Long>> figures = new HashMap<>();
        last.forEach((bucket, figure) -> {
            if (figure.n() > 0) {
                assertThat(figure.scores()).as("score counts of %s", bucket).isNotNull();
                List<Long> values = new ArrayList<>(figure.scores());
                values.add(0, figure.n());
                figures.put(bucket, values);
            }
        });
        return figures;
    }

    private static Map<DayBucket, NpsTally> independentCount(List<ResponseSubmitted> stream) {
        Map<DayBucket, NpsTally> counts = new HashMap<>();
        for (ResponseSubmitted response : latest(stream).values()) {
            LocalDate day = LocalDate.ofInstant(response.occurredAt(), ZoneOffset.UTC);
            NpsTally one = NpsTally.of(response.score() >= 9 ? io.npsloop.contracts.Category.PROMOTER
                    : response.score() >= 7 ? io.npsloop.contracts.Category.PASSIVE : io.npsloop.contracts.Category.DETRACTOR);
            for (Segment segment : List.of(Segment.OVERALL, new Segment("channel", response.channel()),
                    new Segment("surveyId", "s-1"), new Segment("region", response.attributes().get("region")))) {
                counts.merge(new DayBucket(segment, day), one, NpsTally::plus);
            }
        }
        return counts;
    }
}
