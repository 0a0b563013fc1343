package io.npsloop.ingest.responses;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.testing.MutableClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Laws of the intake over any sequence of submissions, retries, revisions and broker outages:
 * no event id reaches the topic twice, and every submission answered as accepted or updated is
 * on the topic.
 */
class ResponseIntakePropertyTests {

    record Attempt(String responseId, int revision, int score, boolean brokerDown) {
    }

    @Property(tries = 300)
    void noEventIsPublishedTwiceAndEveryAcceptanceIsPublished(@ForAll("attempts") List<Attempt> attempts) {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        RecordingPublisher publisher = new RecordingPublisher();
        ResponseIntake intake = new ResponseIntake(new InMemorySubmissionLedger<>(), publisher, IntakeMetrics.NONE, Pseudonyms.NONE, clock,
                Duration.ofSeconds(60));
        Set<String> acknowledged = new HashSet<>();

        for (Attempt attempt : attempts) {
            publisher.brokerDown(attempt.brokerDown());
            clock.advance(Duration.ofSeconds(1));
            try {
                IntakeResult result = intake.accept("crm", ResponseIntakeTests.response(attempt.responseId(), attempt.score(), null,
                        attempt.revision()), null);
                if (result.status() != IntakeResult.Status.DUPLICATE) {
                    acknowledged.add(ResponseIntake.eventId("crm", attempt.responseId(), attempt.revision()));
                }
            } catch (RevisionConflictException | EventNotPublishedException | SubmissionInProgressException expected) {
                // Refused answers: the client was told nothing was accepted.
            }
        }

        List<String> published = publisher.published().stream().map(ResponseSubmitted::eventId).toList();
        assertThat(published).doesNotHaveDuplicates();
        assertThat(published).containsAll(acknowledged);
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<Attempt> attempt = Combinators.combine(
                Arbitraries.of("r-1", "r-2"),
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(8, 9),
                Arbitraries.integers().between(0, 4).map(n -> n == 0))
                .as(Attempt::new);
        return attempt.list().ofMinSize(1).ofMaxSize(25);
    }
}
