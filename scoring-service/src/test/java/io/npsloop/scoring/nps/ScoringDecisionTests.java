package io.npsloop.scoring.nps;

import static io.npsloop.scoring.nps.Responses.response;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ResponseSubmitted;
import org.junit.jupiter.api.Test;

class ScoringDecisionTests {

    private static final Instant MONDAY_NOON = Instant.parse("2026-03-02T12:00:00Z");

    private final InMemoryScoringStore values = new InMemoryScoringStore();
    private final ScoringDecision decision = new ScoringDecision(new Segmentation(List.of("region")),
            new SegmentCap(values, 100), ZoneId.of("UTC"));

    @Test
    void firstAnswerAddsOneToItsCategoryAndScoreInEverySegmentOfItsDay() {
        ScoringDecision.Outcome outcome = decision.decide(response("r-1", "c-1", 10, MONDAY_NOON), "0:5", null, CustomerHistory.EMPTY);

        ScoringDecision.Outcome.Applied applied = (ScoringDecision.Outcome.Applied) outcome;
        LocalDate day = LocalDate.of(2026, 3, 2);
        assertThat(applied.deltas()).containsOnlyKeys(
                new DayBucket(Segment.OVERALL, day),
                new DayBucket(new Segment("channel", "email"), day),
                new DayBucket(new Segment("surveyId", "s-1"), day),
                new DayBucket(new Segment("region", "EMEA"), day));
        assertThat(applied.deltas().values()).containsOnly(new TallyDelta(1, 0, 0, ScoreCounts.NONE.plus(10, 1)));
        assertThat(applied.scored().appliedPosition()).isEqualTo("0:5");
        assertThat(applied.scored().previousCategory()).isNull();
        assertThat(outcome.name()).isEqualTo("applied");
    }

    @Test
    void revisionMovesTheResponseBetweenCategoriesWithoutChangingN() {
        ScoredResponse first = applied(response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null).scored();

        ScoringDecision.Outcome.Applied revision = applied(
                response("r-1", 2, "c-1", 9, MONDAY_NOON, "email", Map.of("region", "EMEA")), "0:9", first);

        assertThat(revision.deltas().values()).containsOnly(new TallyDelta(1, 0, -1, ScoreCounts.NONE.plus(3, -1).plus(9, 1)));
        assertThat(revision.deltas().values().stream().mapToLong(delta -> delta.promoters() + delta.passives() + delta.detractors()))
                .containsOnly(0L);
        assertThat(revision.scored().category()).isEqualTo(Category.PROMOTER);
        assertThat(revision.scored().replaced()).isEqualTo(first.buckets());
    }

    @Test
    void revisionToAnotherScoreOfTheSameCategoryMovesOnlyTheScoreCount() {
        ScoredResponse first = applied(response("r-1", "c-1", 9, MONDAY_NOON), "0:5", null).scored();

        ScoringDecision.Outcome.Applied revision = applied(
                response("r-1", 2, "c-1", 10, MONDAY_NOON, "email", Map.of("region", "EMEA")), "0:9", first);

        assertThat(revision.deltas()).hasSize(4);
        assertThat(revision.deltas().values()).containsOnly(new TallyDelta(0, 0, 0, ScoreCounts.NONE.plus(9, -1).plus(10, 1)));
    }

    @Test
    void revisionToAnotherDayAndSegmentTakesItOutOfTheOldBuckets() {
        ScoredResponse first = applied(response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null).scored();

        ScoringDecision.Outcome.Applied revision = applied(response("r-1", 2, "c-1", 3, MONDAY_NOON.plusSeconds(86_400), "sms",
                Map.of()), "0:6", first);

        LocalDate monday = LocalDate.of(2026, 3, 2);
        LocalDate tuesday = monday.plusDays(1);
        TallyDelta out = new TallyDelta(0, 0, -1, ScoreCounts.NONE.plus(3, -1));
        TallyDelta in = new TallyDelta(0, 0, 1, ScoreCounts.NONE.plus(3, 1));
        assertThat(revision.deltas()).containsEntry(new DayBucket(new Segment("region", "EMEA"), monday), out)
                .containsEntry(new DayBucket(new Segment("channel", "sms"), tuesday), in)
                .containsEntry(new DayBucket(Segment.OVERALL, monday), out)
                .containsEntry(new DayBucket(Segment.OVERALL, tuesday), in);
        assertThat(revision.scored().touched()).hasSize(7);
    }

    @Test
    void sameRevisionFromTheRecordAlreadyAppliedIsARedelivery() {
        ScoredResponse first = applied(response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null).scored();

        ScoringDecision.Outcome outcome = decision.decide(response("r-1", "c-1", 3, MONDAY_NOON), "0:5", first, CustomerHistory.EMPTY);

        assertThat(outcome).isEqualTo(new ScoringDecision.Outcome.Redelivery(first));
        assertThat(outcome.name()).isEqualTo("redelivery");
    }

    @Test
    void sameRevisionFromAnotherRecordIsADuplicate() {
        ScoredResponse first = applied(response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null).scored();

        ScoringDecision.Outcome outcome = decision.decide(response("r-1", "c-1", 3, MONDAY_NOON), "0:8", first, CustomerHistory.EMPTY);

        assertThat(outcome).isEqualTo(new ScoringDecision.Outcome.Duplicate(first));
        assertThat(outcome.name()).isEqualTo("duplicate");
    }

    @Test
    void olderRevisionArrivingLateIsADuplicate() {
        ScoredResponse second = applied(response("r-1", 2, "c-1", 9, MONDAY_NOON, "email", Map.of()), "0:5", null).scored();

        ScoringDecision.Outcome outcome = decision.decide(response("r-1", "c-1", 3, MONDAY_NOON), "0:6", second, CustomerHistory.EMPTY);

        assertThat(outcome).isInstanceOf(ScoringDecision.Outcome.Duplicate.class);
    }

    @Test
    void dayIsTheCalendarDayOfTheAnswerInTheConfiguredZone() {
        ScoringDecision berlin = new ScoringDecision(new Segmentation(List.of()), new SegmentCap(values, 100), ZoneId.of("Europe/Berlin"));
        ResponseSubmitted lateEvening = response("r-1", "c-1", 10, Instant.parse("2026-03-01T23:30:00Z"));

        ScoringDecision.Outcome.Applied applied = (ScoringDecision.Outcome.Applied) berlin.decide(lateEvening, "0:1", null, CustomerHistory.EMPTY);

        // 23:30 UTC is already 00:30 on the next day in Berlin.
        assertThat(applied.scored().day()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(decision.dayOf(lateEvening)).isEqualTo(LocalDate.of(2026, 3, 1));
    }

    @Test
    void previousAnswerIsTheCustomersAnswerJustBeforeInAnswerTime() {
        CustomerHistory history = new CustomerHistory(List.of(
                answer("web|r-old", 2, MONDAY_NOON.minusSeconds(7 * 86_400)),
                answer("web|r-mid", 8, MONDAY_NOON.minusSeconds(86_400)),
                answer("web|r-newer", 10, MONDAY_NOON.plusSeconds(86_400))));

        ScoredResponse scored = ((ScoringDecision.Outcome.Applied) decision.decide(
                response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null, history)).scored();

        // r-newer was scored earlier but answered later: it is not the previous answer of a late response.
        assertThat(scored.previousResponseId()).isEqualTo("r-mid");
        assertThat(scored.previousScore()).isEqualTo(8);
        assertThat(scored.previousCategory()).isEqualTo(Category.PASSIVE);
    }

    @Test
    void revisionKeepsThePreviousAnswerOfTheFirstScoring() {
        CustomerHistory history = new CustomerHistory(List.of(answer("web|r-0", 2, MONDAY_NOON.minusSeconds(86_400))));
        ScoredResponse first = ((ScoringDecision.Outcome.Applied) decision.decide(
                response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null, history)).scored();

        ScoredResponse revised = applied(response("r-1", 2, "c-1", 10, MONDAY_NOON, "email", Map.of()), "0:6", first).scored();

        assertThat(revised.previousResponseId()).isEqualTo("r-0");
        assertThat(revised.previousCategory()).isEqualTo(Category.DETRACTOR);
    }

    @Test
    void theResponsesOwnEarlierAnswerIsNeverItsPrevious() {
        CustomerHistory history = new CustomerHistory(List.of(answer("web|r-1", 2, MONDAY_NOON.minusSeconds(60))));

        ScoredResponse scored = ((ScoringDecision.Outcome.Applied) decision.decide(
                response("r-1", "c-1", 3, MONDAY_NOON), "0:5", null, history)).scored();

        assertThat(scored.previousResponseId()).isNull();
    }

    private ScoringDecision.Outcome.Applied applied(ResponseSubmitted event, String position, ScoredResponse existing) {
        return (ScoringDecision.Outcome.Applied) decision.decide(event, position, existing, CustomerHistory.EMPTY);
    }

    private static CustomerAnswer answer(String key, int score, Instant at) {
        return new CustomerAnswer("c-1", key, key.substring(key.indexOf('|') + 1), score, Classification.of(score), at);
    }
}
