package io.npsloop.scoring.nps;

import static io.npsloop.scoring.nps.Responses.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.statistics.NpsTally;
import org.junit.jupiter.api.Test;

class ResponseScoringTests {

    private static final Instant NOW = Instant.parse("2026-03-31T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 31);

    private final InMemoryScoringStore store = new InMemoryScoringStore();
    private final RecordingScoringEvents events = new RecordingScoringEvents();
    private final ResponseScoring scoring = new ResponseScoring(
            new ScoringDecision(new Segmentation(List.of("region")), new SegmentCap(store, 100), ZoneOffset.UTC),
            store, events, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void publishesTheScoredResponseAndTheDayFigureOfEveryBucketItTouchedButNoRollingWindow() {
        scoring.score(response("r-1", "c-1", 10, NOW.minusSeconds(3 * 86_400)), 0, 1);

        assertThat(events.scored).singleElement().satisfies(scored -> assertThat(scored.category()).isEqualTo(Category.PROMOTER));
        assertThat(events.metrics).hasSize(4).allSatisfy(metrics -> {
            assertThat(metrics.period()).isEqualTo("DAY");
            assertThat(metrics.from()).isEqualTo(TODAY.minusDays(3)).isEqualTo(metrics.to());
            assertThat(metrics.n()).isEqualTo(1);
        });
    }

    /**
     * One promoter: the plain margin says "100 ± 0"; the published interval says how little one
     * answer shows: below 10 answers the exact bounds, the promoter share from 0.0125 to 1 and the
     * detractor share from 0 to 0.9875 (Clopper-Pearson 97.5% at x = n and x = 0), so -97.5 to 100.
     */
    @Test
    void dayFigureCarriesItsIntervalAndIsInsufficientBelowTheMinimumSample() {
        scoring.score(response("r-1", "c-1", 10, NOW), 0, 1);

        NpsMetricsUpdated overall = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall"))
                .findFirst().orElseThrow();
        assertThat(overall.nps()).isEqualTo(100.0);
        assertThat(overall.marginOfError()).isZero();
        assertThat(overall.lower()).isCloseTo(-97.5, within(1e-9));
        assertThat(overall.upper()).isCloseTo(100.0, within(1e-9));
        assertThat(overall.insufficient()).isTrue();
    }

    @Test
    void dayFigureCarriesTheDaysCountPerScoreAndARevisionMovesOneCount() {
        scoring.scoreAll(List.of(
                new ScoringInput(response("r-1", "c-1", 10, NOW), 0, 1),
                new ScoringInput(response("r-2", "c-2", 3, NOW), 0, 2),
                new ScoringInput(response("r-3", "c-3", 3, NOW), 0, 3)));
        scoring.score(response("r-2", 2, "c-2", 9, NOW, "email", Map.of("region", "EMEA")), 0, 4);

        NpsMetricsUpdated today = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall"))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(today.n()).isEqualTo(3);
        assertThat(today.scores()).containsExactly(0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 1L, 1L);
    }

    @Test
    void dayCountedBeforeScoresWereKeptPublishesNoScoreCounts() {
        // Counted by category only, as every day was before the score counts: its counts are unknown for good.
        store.seedWithoutScores(new DayBucket(Segment.OVERALL, TODAY), new NpsTally(0, 0, 1));

        scoring.score(response("r-1", "c-1", 10, NOW), 0, 1);

        assertThat(events.metrics).hasSize(4).allSatisfy(metrics -> {
            if (metrics.dimension().equals("overall")) {
                assertThat(metrics.n()).isEqualTo(2);
                assertThat(metrics.scores()).isNull();
            } else {
                assertThat(metrics.scores()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
            }
        });
    }

    @Test
    void aBatchPublishesOneFigurePerTouchedBucketHoldingTheWholeBatch() {
        scoring.scoreAll(List.of(
                new ScoringInput(response("r-1", "c-1", 10, NOW), 0, 1),
                new ScoringInput(response("r-2", "c-2", 0, NOW), 0, 2),
                new ScoringInput(response("r-3", "c-3", 8, NOW.minusSeconds(86_400)), 1, 1)));

        assertThat(events.scored).hasSize(3);
        List<NpsMetricsUpdated> overall = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall")).toList();
        assertThat(overall).hasSize(2);
        NpsMetricsUpdated today = overall.stream().filter(metrics -> metrics.to().equals(TODAY)).findFirst().orElseThrow();
        assertThat(today.n()).isEqualTo(2);
        assertThat(today.nps()).isZero();
        assertThat(today.version()).as("one write per bucket and batch").isEqualTo(1);
        assertThat(events.metrics).extracting(NpsMetricsUpdated::eventId).doesNotHaveDuplicates();
    }

    @Test
    void twoRevisionsOfOneResponseInOneBatchCountOnceAsTheNewer() {
        scoring.scoreAll(List.of(
                new ScoringInput(response("r-1", "c-1", 2, NOW), 0, 1),
                new ScoringInput(response("r-1", 2, "c-1", 9, NOW, "email", Map.of("region", "EMEA")), 0, 2),
                new ScoringInput(response("r-1", "c-1", 2, NOW), 0, 3)));

        assertThat(store.allTallies()).hasSize(4).allSatisfy((bucket, tally) -> assertThat(tally).isEqualTo(new NpsTally(1, 0, 0)));
        assertThat(events.scored).as("the first and its revision; the older copy after it is a duplicate").hasSize(2);
    }

    @Test
    void aSendThatFailsLeavesEveryRevisionOfTheBatchToBePublishedWhenItComesBack() {
        List<ScoringInput> batch = List.of(
                new ScoringInput(response("r-1", "c-1", 2, NOW), 0, 1),
                new ScoringInput(response("r-1", 2, "c-1", 9, NOW, "email", Map.of("region", "EMEA")), 0, 2));
        events.failNextPublish = true;
        assertThatThrownBy(() -> scoring.scoreAll(batch)).isInstanceOf(IllegalStateException.class);

        scoring.scoreAll(batch);

        assertThat(events.scored).extracting(ResponseScored::revision).as("the replaced first revision too").containsExactly(1, 2);
        assertThat(store.allTallies()).hasSize(4).allSatisfy((bucket, tally) -> assertThat(tally).isEqualTo(new NpsTally(1, 0, 0)));
    }

    @Test
    void aBatchRedeliveredWithOtherBoundariesAfterACrashCountsEveryResponseOnce() {
        List<ScoringInput> stream = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            stream.add(new ScoringInput(response("r-" + i, "c-" + (i % 3), i % 11, NOW.minusSeconds(86_400L * (i % 4))), 0, i));
        }
        store.dieBeforeNextSave = true;
        assertThatThrownBy(() -> scoring.scoreAll(stream.subList(0, 12))).isInstanceOf(IllegalStateException.class);

        scoring.scoreAll(stream.subList(5, 9));
        scoring.scoreAll(stream.subList(0, 20));

        long promoters = stream.stream().filter(input -> input.event().score() >= 9).count();
        long detractors = stream.stream().filter(input -> input.event().score() <= 6).count();
        NpsTally overall = store.allTallies().entrySet().stream().filter(entry -> entry.getKey().segment().equals(Segment.OVERALL))
                .map(Map.Entry::getValue).reduce(NpsTally.EMPTY, NpsTally::plus);
        assertThat(overall).isEqualTo(new NpsTally(promoters, 20 - promoters - detractors, detractors));
    }

    @Test
    void aResponseWithoutCustomerOrTimeIsRefusedBeforeAnythingIsWritten() {
        ResponseSubmitted valid = response("r-1", "c-1", 2, NOW);
        ResponseSubmitted noCustomer = new ResponseSubmitted(valid.eventId(), valid.eventType(), valid.schemaVersion(), valid.occurredAt(),
                valid.receivedAt(), valid.source(), valid.responseId(), valid.revision(), valid.surveyId(), null, null, null,
                valid.score(), null, valid.channel(), null, valid.attributes(), null);
        ResponseSubmitted noTime = new ResponseSubmitted(valid.eventId(), valid.eventType(), valid.schemaVersion(), null,
                valid.receivedAt(), valid.source(), valid.responseId(), valid.revision(), valid.surveyId(), "c-1", null, null,
                valid.score(), null, valid.channel(), null, valid.attributes(), null);

        assertThatThrownBy(() -> scoring.score(noCustomer, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customerId");
        assertThatThrownBy(() -> scoring.score(noTime, 0, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
        assertThat(store.tallies(List.of(new DayBucket(Segment.OVERALL, TODAY))).get(new DayBucket(Segment.OVERALL, TODAY)).tally().n())
                .isZero();
        assertThat(events.scored).isEmpty();
    }

    @Test
    void lateResponseLandsInItsOwnDay() {
        scoring.score(response("r-1", "c-1", 2, NOW.minusSeconds(40 * 86_400)), 0, 1);

        List<NpsMetricsUpdated> overall = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall")).toList();
        assertThat(overall).singleElement().satisfies(metrics -> assertThat(metrics.from()).isEqualTo(TODAY.minusDays(40)));
    }

    @Test
    void dayVersionGrowsWithEveryChange() {
        scoring.score(response("r-1", "c-1", 10, NOW), 0, 1);
        long first = version("DAY");
        events.clear();

        scoring.score(response("r-2", "c-2", 0, NOW), 1, 1);

        NpsMetricsUpdated second = events.metrics.stream()
                .filter(metrics -> metrics.dimension().equals("overall")).findFirst().orElseThrow();
        assertThat(second.version()).isGreaterThan(first);
        assertThat(second.n()).isEqualTo(2);
        assertThat(second.nps()).isZero();
    }

    @Test
    void redeliveryChangesNoTallyAndRepublishesTheSameEvents() {
        scoring.score(response("r-1", "c-1", 10, NOW), 0, 7);
        List<String> firstIds = events.metrics.stream().map(NpsMetricsUpdated::eventId).toList();
        String scoredId = events.scored.get(0).eventId();
        Map<DayBucket, NpsTally> before = store.allTallies();
        events.clear();

        ScoringDecision.Outcome outcome = scoring.score(response("r-1", "c-1", 10, NOW), 0, 7);

        assertThat(outcome).isInstanceOf(ScoringDecision.Outcome.Redelivery.class);
        assertThat(store.allTallies()).isEqualTo(before);
        assertThat(events.scored).singleElement().satisfies(scored -> assertThat(scored.eventId()).isEqualTo(scoredId));
        assertThat(events.metrics).extracting(NpsMetricsUpdated::eventId).containsExactlyElementsOf(firstIds);
    }

    @Test
    void duplicateChangesNothingAndPublishesNothing() {
        scoring.score(response("r-1", "c-1", 10, NOW), 0, 7);
        Map<DayBucket, NpsTally> before = store.allTallies();
        events.clear();

        scoring.score(response("r-1", "c-1", 10, NOW), 0, 8);

        assertThat(store.allTallies()).isEqualTo(before);
        assertThat(events.scored).isEmpty();
        assertThat(events.metrics).isEmpty();
    }

    @Test
    void revisionMovesTheResponseBetweenCategoriesWithoutChangingN() {
        scoring.score(response("r-1", "c-1", 2, NOW), 0, 1);
        scoring.score(response("r-1", 2, "c-1", 9, NOW, "email", Map.of("region", "EMEA")), 0, 2);

        assertThat(store.allTallies()).hasSize(4).allSatisfy((bucket, tally) -> assertThat(tally).isEqualTo(new NpsTally(1, 0, 0)));
        assertThat(events.scored.get(1).previousCategory()).isNull();
    }

    @Test
    void crashBetweenApplyingAndSavingIsRepairedByTheRedeliveryWithoutDoubleCounting() {
        ScoringDecision decision = new ScoringDecision(new Segmentation(List.of("region")), new SegmentCap(store, 100), ZoneOffset.UTC);
        ScoringDecision.Outcome.Applied applied = (ScoringDecision.Outcome.Applied) decision.decide(
                response("r-1", "c-1", 2, NOW), "0:4", null, CustomerHistory.EMPTY);
        // The first attempt applied only some of its deltas, then died before saving the response.
        Map.Entry<DayBucket, TallyDelta> firstBucket = applied.deltas().entrySet().iterator().next();
        store.applyDeltas(Map.of(firstBucket.getKey(), firstBucket.getValue()), 0, 4);

        scoring.score(response("r-1", "c-1", 2, NOW), 0, 4);

        assertThat(store.allTallies()).hasSize(4).allSatisfy((bucket, tally) -> assertThat(tally).isEqualTo(new NpsTally(0, 0, 1)));
    }

    @Test
    void nextAnswerOfTheCustomerCarriesTheTransition() {
        scoring.score(response("r-1", "c-1", 2, NOW.minusSeconds(86_400)), 0, 1);
        scoring.score(response("r-2", "c-1", 10, NOW), 0, 2);

        assertThat(events.scored.get(1).transition()).isEqualTo("DETRACTOR->PROMOTER");
        assertThat(events.scored.get(1).previousResponseId()).isEqualTo("r-1");
    }

    private long version(String period) {
        return events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall") && metrics.period().equals(period))
                .findFirst().orElseThrow().version();
    }
}
