package io.npsloop.ingest.responses;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static io.npsloop.ingest.responses.ResponseIntakeTests.response;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link ResponseIntake#acceptAll} keeps the rules of accepting the same responses one by one. */
class ResponseIntakeBatchTests {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySubmissionLedger<ResponseSubmitted> ledger = new InMemorySubmissionLedger<>();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final ResponseIntake intake = new ResponseIntake(ledger, publisher, IntakeMetrics.NONE, Pseudonyms.NONE, clock, LEASE);

    @Test
    void newResponsesAreAcceptedPublishedOnceEachAndRecordedAsPublished() {
        List<IntakeOutcome> outcomes = intake.acceptAll("crm", List.of(response("r-1", 9, null, 1), response("r-2", 3, "slow", 1)));

        assertThat(outcomes).extracting(IntakeOutcome::result)
                .containsExactly(accepted("r-1"), accepted("r-2"));
        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId).containsExactly("r-1", "r-2");
        assertThat(ledger.find(Submission.key("crm", "r-2"))).hasValueSatisfying(stored -> {
            assertThat(stored.pending()).isFalse();
            assertThat(stored.publishedRevisions()).containsKey(1);
        });
    }

    @Test
    void theSameBatchAgainIsAllDuplicatesAndPublishesNothing() {
        List<NewResponse> batch = List.of(response("r-1", 9, null, 1), response("r-2", 3, "slow", 1));
        intake.acceptAll("crm", batch);
        publisher.clear();

        List<IntakeOutcome> again = intake.acceptAll("crm", batch);

        assertThat(again).extracting(outcome -> outcome.result().status())
                .containsExactly(IntakeResult.Status.DUPLICATE, IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void itemsWithoutAnIdGetTheIdTheirIdempotencyKeyGivesOnTheSinglePathSoARetriedBatchIsAllDuplicates() {
        String single = intake.accept("crm", response(null, 9, null, 1), "batch-7#0").responseId();
        publisher.clear();
        List<NewResponse> batch = List.of(response(null, 9, null, 1), response(null, 4, null, 1), response("r-9", 10, null, 1));
        List<@Nullable String> keys = java.util.Arrays.asList("batch-7#0", "batch-7#1", null);

        List<IntakeOutcome> first = intake.acceptAll("crm", batch, keys);
        List<IntakeOutcome> retried = intake.acceptAll("crm", batch, keys);

        assertThat(first).extracting(outcome -> outcome.result().status())
                .containsExactly(IntakeResult.Status.DUPLICATE, IntakeResult.Status.ACCEPTED, IntakeResult.Status.ACCEPTED);
        assertThat(first.get(0).result().responseId()).isEqualTo(single);
        assertThat(retried).extracting(outcome -> outcome.result().status()).containsOnly(IntakeResult.Status.DUPLICATE);
        assertThat(retried).extracting(outcome -> outcome.result().responseId())
                .containsExactlyElementsOf(first.stream().map(outcome -> outcome.result().responseId()).toList());
        assertThat(publisher.published()).extracting(ResponseSubmitted::score).containsExactly(4, 10);
    }

    @Test
    void aResponseTwiceInOneBatchIsPublishedOnceThenADuplicateAConflictOrAnUpdate() {
        List<IntakeOutcome> outcomes = intake.acceptAll("crm", List.of(
                response("r-1", 9, null, 1),
                response("r-1", 9, null, 1),
                response("r-1", 2, null, 1),
                response("r-1", 7, "changed my mind", 2)));

        assertThat(outcomes.get(0).result()).isEqualTo(accepted("r-1"));
        assertThat(outcomes.get(1).result()).isEqualTo(new IntakeResult("r-1", IntakeResult.Status.DUPLICATE));
        assertThat(outcomes.get(2).refusal()).isInstanceOf(RevisionConflictException.class);
        assertThat(outcomes.get(3).result()).isEqualTo(new IntakeResult("r-1", IntakeResult.Status.UPDATED));
        assertThat(publisher.published()).extracting(ResponseSubmitted::revision).containsExactly(1, 2);
    }

    @Test
    void responsesSeenBeforeFollowTheSinglePathRulesForUpdatesConflictsAndOlderRevisions() {
        intake.accept("crm", response("r-1", 9, null, 1), null);
        intake.accept("crm", response("r-2", 5, null, 1), null);
        intake.accept("crm", response("r-3", 4, null, 1), null);
        intake.accept("crm", response("r-3", 6, "later", 2), null);
        publisher.clear();

        List<IntakeOutcome> outcomes = intake.acceptAll("crm", List.of(
                response("r-1", 8, "corrected", 2),
                response("r-2", 1, null, 1),
                response("r-3", 4, null, 1),
                response("r-4", 10, null, 1)));

        assertThat(outcomes.get(0).result()).isEqualTo(new IntakeResult("r-1", IntakeResult.Status.UPDATED));
        assertThat(outcomes.get(1).refusal()).isInstanceOf(RevisionConflictException.class);
        assertThat(outcomes.get(2).result()).isEqualTo(new IntakeResult("r-3", IntakeResult.Status.DUPLICATE));
        assertThat(outcomes.get(3).result()).isEqualTo(accepted("r-4"));
        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId).containsExactlyInAnyOrder("r-1", "r-4");
    }

    @Test
    void aBrokerFailingMidBatchAcceptsOnlyWhatWasAcknowledgedAndTheRetryPublishesTheRestOnce() {
        List<NewResponse> batch = List.of(response("r-1", 9, null, 1), response("r-2", 3, null, 1),
                response("r-3", 0, null, 1), response("r-4", 10, null, 1));
        publisher.failAfter(2);

        List<IntakeOutcome> first = intake.acceptAll("crm", batch);

        assertThat(first.subList(0, 2)).extracting(IntakeOutcome::result).containsExactly(accepted("r-1"), accepted("r-2"));
        assertThat(first.subList(2, 4)).allSatisfy(outcome -> {
            assertThat(outcome.result()).isNull();
            assertThat(outcome.refusal()).isInstanceOf(EventNotPublishedException.class);
        });
        assertThat(ledger.find(Submission.key("crm", "r-3"))).hasValueSatisfying(stored -> {
            assertThat(stored.pending()).as("not accepted").isTrue();
            assertThat(stored.leaseActive(clock.instant())).as("lease released for the retry").isFalse();
        });
        List<ResponseSubmitted> publishedBefore = publisher.published();

        publisher.clear();
        List<IntakeOutcome> retry = intake.acceptAll("crm", batch);

        assertThat(retry).extracting(outcome -> outcome.result().status()).containsExactly(IntakeResult.Status.DUPLICATE,
                IntakeResult.Status.DUPLICATE, IntakeResult.Status.ACCEPTED, IntakeResult.Status.ACCEPTED);
        assertThat(publishedBefore).extracting(ResponseSubmitted::responseId).containsExactly("r-1", "r-2");
        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId).containsExactly("r-3", "r-4");
        assertThat(ledger.find(Submission.key("crm", "r-4"))).hasValueSatisfying(stored -> assertThat(stored.pending()).isFalse());
    }

    @Test
    void aBatchGivesTheSameAnswersAsTheSameResponsesOneByOne() {
        List<NewResponse> history = List.of(response("a", 9, null, 1), response("b", 5, null, 1));
        List<NewResponse> batch = List.of(response("a", 9, null, 1), response("b", 6, null, 1), response("b", 6, "x", 2),
                response("c", 1, null, 1), response("c", 1, null, 1), response("a", 3, null, 3), response("d", 8, null, 1));
        InMemorySubmissionLedger<ResponseSubmitted> singleLedger = new InMemorySubmissionLedger<>();
        RecordingPublisher singlePublisher = new RecordingPublisher();
        ResponseIntake single = new ResponseIntake(singleLedger, singlePublisher, IntakeMetrics.NONE, Pseudonyms.NONE, clock, LEASE);
        history.forEach(response -> {
            intake.accept("crm", response, null);
            single.accept("crm", response, null);
        });

        List<IntakeOutcome> batched = intake.acceptAll("crm", batch);

        for (int i = 0; i < batch.size(); i++) {
            @Nullable IntakeResult expected;
            Class<?> expectedRefusal = null;
            try {
                expected = single.accept("crm", batch.get(i), null);
            } catch (RuntimeException e) {
                expected = null;
                expectedRefusal = e.getClass();
            }
            assertThat(batched.get(i).result()).as("item %d", i).isEqualTo(expected);
            if (expectedRefusal != null) {
                assertThat(batched.get(i).refusal()).as("item %d", i).isInstanceOf(expectedRefusal);
            }
        }
        assertThat(publisher.published()).extracting(ResponseSubmitted::eventId)
                .containsExactlyInAnyOrderElementsOf(singlePublisher.published().stream().map(ResponseSubmitted::eventId).toList());
    }

    private static IntakeResult accepted(String responseId) {
        return new IntakeResult(responseId, IntakeResult.Status.ACCEPTED);
    }
}
