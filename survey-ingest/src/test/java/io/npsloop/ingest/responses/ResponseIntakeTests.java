package io.npsloop.ingest.responses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.testing.MutableClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseIntakeTests {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemorySubmissionLedger<ResponseSubmitted> ledger = new InMemorySubmissionLedger<>();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final ResponseIntake intake = new ResponseIntake(ledger, publisher, IntakeMetrics.NONE, Pseudonyms.NONE, clock, LEASE);

    @Test
    void newResponseIsAcceptedAndPublishedOnce() {
        IntakeResult result = intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(result).isEqualTo(new IntakeResult("r-1", IntakeResult.Status.ACCEPTED));
        assertThat(publisher.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo("crm");
            assertThat(event.responseId()).isEqualTo("r-1");
            assertThat(event.eventId()).isEqualTo(ResponseIntake.eventId("crm", "r-1", 1));
        });
    }

    @Test
    void sameResponseSentAgainIsADuplicateAndPublishesNothing() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);
        clock.advance(Duration.ofMinutes(3));

        IntakeResult again = intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(again.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void sameResponseIdFromAnotherSourceIsAnotherResponse() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);

        IntakeResult other = intake.accept("shop", response("r-1", 9, "great", 1), null);

        assertThat(other.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(publisher.published()).hasSize(2);
    }

    @Test
    void higherRevisionIsAnUpdateAndPublishesTheNewRevision() {
        intake.accept("crm", response("r-1", 9, null, 1), null);

        IntakeResult update = intake.accept("crm", response("r-1", 6, "the comment arrived later", 2), null);

        assertThat(update.status()).isEqualTo(IntakeResult.Status.UPDATED);
        assertThat(publisher.published()).extracting(ResponseSubmitted::revision).containsExactly(1, 2);
        assertThat(publisher.published().get(1).score()).isEqualTo(6);
    }

    @Test
    void equalRevisionWithAnotherBodyIsAConflict() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThatThrownBy(() -> intake.accept("crm", response("r-1", 3, "great", 1), null))
                .isInstanceOf(RevisionConflictException.class);
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void lowerRevisionWithAnotherBodyIsAConflict() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);
        intake.accept("crm", response("r-1", 8, "great", 2), null);

        assertThatThrownBy(() -> intake.accept("crm", response("r-1", 1, "bad", 1), null))
                .isInstanceOf(RevisionConflictException.class);
    }

    @Test
    void lateRetryOfAnOlderRevisionIsADuplicate() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);
        intake.accept("crm", response("r-1", 8, "great", 2), null);

        IntakeResult lateRetry = intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(lateRetry.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published()).hasSize(2);
    }

    @Test
    void idempotencyKeyGivesARetryWithoutResponseIdTheSameId() {
        IntakeResult first = intake.accept("crm", response(null, 9, "great", 1), "key-1");
        IntakeResult retry = intake.accept("crm", response(null, 9, "great", 1), "key-1");

        assertThat(retry).isEqualTo(new IntakeResult(first.responseId(), IntakeResult.Status.DUPLICATE));
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void idempotencyKeyReusedWithAnotherBodyIsAConflict() {
        intake.accept("crm", response(null, 9, "great", 1), "key-1");

        assertThatThrownBy(() -> intake.accept("crm", response(null, 2, "awful", 1), "key-1"))
                .isInstanceOf(RevisionConflictException.class);
    }

    @Test
    void responsesWithoutIdOrKeyAreEachNew() {
        IntakeResult first = intake.accept("crm", response(null, 9, "great", 1), null);
        IntakeResult second = intake.accept("crm", response(null, 9, "great", 1), null);

        assertThat(second.responseId()).isNotEqualTo(first.responseId());
        assertThat(second.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
    }

    @Test
    void brokerOutageRecordsNothingAsAcceptedAndTheRetryPublishesExactlyOnce() {
        publisher.brokerDown(true);
        assertThatThrownBy(() -> intake.accept("crm", response("r-1", 9, "great", 1), null))
                .isInstanceOf(EventNotPublishedException.class);
        assertThat(ledger.find(Submission.key("crm", "r-1"))).get().satisfies(stored -> {
            assertThat(stored.pending()).isTrue();
            assertThat(stored.publishedRevisions()).isEmpty();
        });

        publisher.brokerDown(false);
        IntakeResult retry = intake.accept("crm", response("r-1", 9, "great", 1), null);
        IntakeResult again = intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(retry.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(again.status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published()).singleElement()
                .extracting(ResponseSubmitted::eventId).isEqualTo(ResponseIntake.eventId("crm", "r-1", 1));
    }

    @Test
    void retryAfterAnOutageMayChangeTheBodyBecauseNothingWasAccepted() {
        publisher.brokerDown(true);
        assertThatThrownBy(() -> intake.accept("crm", response("r-1", 9, "great", 1), null))
                .isInstanceOf(EventNotPublishedException.class);
        publisher.brokerDown(false);

        IntakeResult retry = intake.accept("crm", response("r-1", 10, "even better", 1), null);

        assertThat(retry.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(publisher.published()).singleElement().extracting(ResponseSubmitted::score).isEqualTo(10);
    }

    @Test
    void pendingSubmissionLeftByACrashIsRepublishedUnchangedAfterItsLease() {
        // A crash between the ledger write and the publish leaves a pending entry with its lease.
        Submission<ResponseSubmitted> crashed = new Submission<>("crm", "r-1", 1, Fingerprints.of(response("r-1", 9, "great", 1)),
                Submission.State.PENDING, IntakeResult.Status.ACCEPTED, eventAt(clock.instant()), clock.instant().plus(LEASE), Map.of());
        ledger.insertIfAbsent(crashed);

        assertThatThrownBy(() -> intake.accept("crm", response("r-1", 9, "great", 1), null))
                .isInstanceOf(SubmissionInProgressException.class);
        clock.advance(LEASE.plusSeconds(1));
        IntakeResult retry = intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(retry.status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(publisher.published()).containsExactly(crashed.event());
    }

    @Test
    void missingRespondedAtDefaultsToTheTimeOfIntake() {
        intake.accept("crm", response("r-1", 9, "great", 1), null);

        assertThat(publisher.published().get(0).occurredAt()).isEqualTo(clock.instant());
    }

    private ResponseSubmitted eventAt(Instant now) {
        RecordingPublisher capture = new RecordingPublisher();
        new ResponseIntake(new InMemorySubmissionLedger<>(), capture, IntakeMetrics.NONE, Pseudonyms.NONE, Clock.fixed(now, ZoneOffset.UTC), LEASE)
                .accept("crm", response("r-1", 9, "great", 1), null);
        return capture.published().get(0);
    }

    static NewResponse response(@Nullable String responseId, int score, @Nullable String comment, int revision) {
        return new NewResponse(responseId, "s-1", "c-1", null, null, score, comment, "email", null, null,
                Map.of("region", "EMEA"), null, null, revision);
    }
}
