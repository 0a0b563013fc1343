package io.npsloop.scoring.nps;

import static io.npsloop.scoring.nps.Responses.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.NpsMetricsUpdated;
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
            store, events, Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"), true);

    @Test
    void publishesTheScoredResponseAndTheDayAndEveryRollingWindowContainingIt() {
        scoring.score(response("r-1", "c-1", 10, NOW.minusSeconds(3 * 86_400)), 0, 1);

        assertThat(events.scored).singleElement().satisfies(scored -> assertThat(scored.category()).isEqualTo(Category.PROMOTER));
        List<NpsMetricsUpdated> overall = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall")).toList();
        assertThat(overall).extracting(NpsMetricsUpdated::period).containsExactly("DAY", "ROLLING_7D", "ROLLING_30D", "ROLLING_90D");
        assertThat(overall).allSatisfy(metrics -> assertThat(metrics.n()).isEqualTo(1));
        assertThat(overall.get(2).from()).isEqualTo(TODAY.minusDays(29));
        assertThat(overall.get(2).to()).isEqualTo(TODAY);
        assertThat(events.metrics).hasSize(4 * 4);
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
    void lateResponseLandsInItsOwnDayAndOnlyInTheWindowsThatContainIt() {
        scoring.score(response("r-1", "c-1", 2, NOW.minusSeconds(40 * 86_400)), 0, 1);

        List<NpsMetricsUpdated> overall = events.metrics.stream().filter(metrics -> metrics.dimension().equals("overall")).toList();
        assertThat(overall).extracting(NpsMetricsUpdated::period).containsExactly("DAY", "ROLLING_90D");
        assertThat(overall.get(0).from()).isEqualTo(TODAY.minusDays(40));
    }

    @Test
    void rollingVersionGrowsWithEveryChangeInTheWindow() {
        scoring.score(response("r-1", "c-1", 10, NOW), 0, 1);
        long first = version("ROLLING_7D");
        events.clear();

        scoring.score(response("r-2", "c-2", 0, NOW.minusSeconds(86_400)), 1, 1);

        NpsMetricsUpdated second = events.metrics.stream()
                .filter(metrics -> metrics.dimension().equals("overall") && metrics.period().equals("ROLLING_7D")).findFirst().orElseThrow();
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
