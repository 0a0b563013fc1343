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

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.statistics.NpsTally;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The exactness laws on random streams in random batches: whatever mix of duplicates, revisions
 * (also within one batch) and redeliveries with other batch boundaries arrives, after crashes
 * between the tally writes and the response writes or in the middle of the tally writes, the
 * tallies equal a count of the latest revision of each response, made here without any scoring code.
 */
class ResponseScoringPropertyTests {

    private static final Instant NOW = Instant.parse("2026-03-31T10:00:00Z");
    private static final String[] REGIONS = {"EMEA", "APAC", "AMER"};

    @Property(tries = 100)
    void talliesEqualAnIndependentCountOfTheLatestRevisions(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int responses) {
        List<ResponseSubmitted> stream = stream(new Random(seed), responses);
        Map<DayBucket, NpsTally> expected = independentCount(stream);

        InMemoryScoringStore store = score(stream, new Random(seed ^ 1), false);

        assertThat(store.allTallies()).isEqualTo(expected);
    }

    @Property(tries = 100)
    void redeliveringAnyPrefixChangesNothing(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int responses) {
        List<ResponseSubmitted> stream = stream(new Random(seed), responses);

        InMemoryScoringStore store = score(stream, new Random(seed ^ 1), true);

        assertThat(store.allTallies()).isEqualTo(independentCount(stream));
    }

    /**
     * Scores the stream on one partition; with {@code redeliver}, dies now and then (sometimes between
     * changing the tallies and saving the response) and replays from an earlier offset, as after a crash.
     */
    private static InMemoryScoringStore score(List<ResponseSubmitted> stream, Random random, boolean redeliver) {
        InMemoryScoringStore store = new InMemoryScoringStore();
        ResponseScoring scoring = new ResponseScoring(
                new ScoringDecision(new Segmentation(List.of("region")), new SegmentCap(store, 100), ZoneOffset.UTC),
                store, new RecordingScoringEvents(), Clock.fixed(NOW, ZoneOffset.UTC));
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
            int how = random.nextInt(3);
            store.dieBeforeNextSave = crash && how == 0;
            store.dieMidTallies = crash && how == 1;
            try {
                scoring.scoreAll(batch);
                offset += size;
            } catch (IllegalStateException died) {
                // Some tallies changed, responses not saved: the records come back below.
                store.dieBeforeNextSave = false;
                store.dieMidTallies = false;
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

    private static Map<DayBucket, NpsTally> independentCount(List<ResponseSubmitted> stream) {
        Map<String, ResponseSubmitted> latest = new HashMap<>();
        for (ResponseSubmitted response : stream) {
            latest.merge(response.responseId(), response, (a, b) -> b.revision() > a.revision() ? b : a);
        }
        Map<DayBucket, NpsTally> counts = new HashMap<>();
        for (ResponseSubmitted response : latest.values()) {
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
