package io.npsloop.ingest.outcomes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.ingest.responses.InMemorySubmissionLedger;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.ingest.responses.RevisionConflictException;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The outcomes' intake over an in-memory ledger: recorded once, never revised, nothing lost to a broker outage. */
class OutcomeIntakeTests {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final InMemorySubmissionLedger<CustomerOutcomeRecorded> ledger = new InMemorySubmissionLedger<>();
    private final Publisher publisher = new Publisher();
    private OutcomeIntake intake = intake(Pseudonyms.NONE);

    @Test
    void anOutcomeBecomesItsEvent() {
        IntakeResult result = intake.accept("billing", cancelled("sub-1", "c-42"), null);

        assertThat(result).isEqualTo(new IntakeResult("sub-1", IntakeResult.Status.ACCEPTED));
        assertThat(publisher.published).containsExactly(new CustomerOutcomeRecorded(OutcomeIntake.eventId("billing", "sub-1"),
                EventTypes.CUSTOMER_OUTCOME_RECORDED, 1, Instant.parse("2026-05-31T23:59:59Z"), NOW, "billing", "sub-1", "c-42", "a-7",
                OutcomeKind.CANCELLED, new Money(new BigDecimal("1200.00"), "EUR"), "price", Map.of("plan", "pro")));
    }

    @Test
    void withoutATimeTheOutcomeHappenedAtIntakeAndWithoutAttributesTheyAreNull() {
        intake.accept("billing", new NewOutcome("sub-2", "c-1", null, OutcomeKind.RENEWED, null, null, null, null, Map.of()), null);

        assertThat(publisher.published.get(0).occurredAt()).isEqualTo(NOW);
        assertThat(publisher.published.get(0).attributes()).isNull();
        assertThat(publisher.published.get(0).value()).isNull();
    }

    @Test
    void theSameOutcomeAgainIsADuplicateAndPublishesNothing() {
        intake.accept("billing", cancelled("sub-1", "c-42"), null);

        assertThat(intake.accept("billing", cancelled("sub-1", "c-42"), null).status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(intake.acceptAll("billing", List.of(cancelled("sub-1", "c-42")))).extracting(IntakeOutcome::result)
                .containsExactly(new IntakeResult("sub-1", IntakeResult.Status.DUPLICATE));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void anotherBodyUnderTheSameIdIsAConflictAndPublishesNothing() {
        intake.accept("billing", cancelled("sub-1", "c-42"), null);
        NewOutcome changed = new NewOutcome("sub-1", "c-42", "a-7", OutcomeKind.DOWNGRADED, null, null, null, "price", Map.of());

        assertThatExceptionOfType(RevisionConflictException.class).isThrownBy(() -> intake.accept("billing", changed, null));
        IntakeOutcome inBatch = intake.acceptAll("billing", List.of(changed)).get(0);
        assertThat(OutcomeIntake.namingConflicts(List.of(inBatch)).get(0).refusal()).isInstanceOfSatisfying(InvalidRequestException.class,
                invalid -> assertThat(invalid.problems()).extracting(problem -> problem.field()).containsExactly("outcomeId"));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void theSameIdFromAnotherSourceIsAnotherOutcome() {
        intake.accept("billing", cancelled("sub-1", "c-42"), null);

        assertThat(intake.accept("crm", cancelled("sub-1", "c-42"), null).status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(publisher.published).extracting(CustomerOutcomeRecorded::eventId).doesNotHaveDuplicates();
    }

    @Test
    void theIdempotencyKeyMakesARetryWithoutIdADuplicate() {
        NewOutcome withoutId = new NewOutcome(null, "c-9", null, OutcomeKind.RENEWED, null, null, null, null, Map.of());

        IntakeResult first = intake.accept("billing", withoutId, "renewal-9-2026");
        IntakeResult retry = intake.accept("billing", withoutId, "renewal-9-2026");

        assertThat(retry).isEqualTo(new IntakeResult(first.responseId(), IntakeResult.Status.DUPLICATE));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void anOutcomeTheBrokerDidNotTakeIsNotAcceptedAndItsRetryPublishesTheSameEvent() {
        publisher.down = true;
        assertThatExceptionOfType(EventNotPublishedException.class).isThrownBy(() -> intake.accept("billing", cancelled("sub-1", "c-42"), null));
        assertThat(publisher.published).isEmpty();

        publisher.down = false;
        assertThat(intake.accept("billing", cancelled("sub-1", "c-42"), null).status()).isEqualTo(IntakeResult.Status.ACCEPTED);
        assertThat(intake.accept("billing", cancelled("sub-1", "c-42"), null).status()).isEqualTo(IntakeResult.Status.DUPLICATE);
        assertThat(publisher.published).extracting(CustomerOutcomeRecorded::eventId).containsExactly(OutcomeIntake.eventId("billing", "sub-1"));
    }

    @Test
    void anOutcomeOfAnErasedCustomerIsPublishedUnderThePseudonym() {
        intake = intake(new Pseudonyms() {
            @Override
            public Map<String, String> of(Collection<String> customerIds) {
                return customerIds.contains("c-42") ? Map.of("c-42", "erased-e1") : Map.of();
            }

            @Override
            public void eraseIfErased(Collection<String> customerIds) {
            }
        });
        NewOutcome outcome = new NewOutcome("sub-1", "c-42", "c-42", OutcomeKind.CANCELLED, null, null, null, "price",
                Map.of("email", "ada@example.com", "owner", "c-42", "plan", "pro"));

        intake.accept("billing", outcome, null);

        CustomerOutcomeRecorded event = publisher.published.get(0);
        assertThat(event.customerId()).isEqualTo("erased-e1");
        assertThat(event.accountId()).isEqualTo("erased-e1");
        assertThat(event.attributes()).isEqualTo(Map.of("owner", "erased-e1", "plan", "pro"));
        assertThat(event.reasonCode()).isEqualTo("price");
        // The retry of the body as sent is still recognised.
        assertThat(intake.accept("billing", outcome, null).status()).isEqualTo(IntakeResult.Status.DUPLICATE);
    }

    @Test
    void theFingerprintIsTheBodyWithoutItsIdAndTheOrderOfAttributes() {
        NewOutcome one = new NewOutcome("a", "c-1", null, OutcomeKind.RENEWED, null, null, null, null, Map.of("x", "1", "y", "2"));
        NewOutcome other = new NewOutcome("b", "c-1", null, OutcomeKind.RENEWED, null, null, null, null, Map.of("y", "2", "x", "1"));

        assertThat(OutcomeIntake.fingerprint(one)).isEqualTo(OutcomeIntake.fingerprint(other));
        assertThat(OutcomeIntake.fingerprint(one)).isNotEqualTo(OutcomeIntake.fingerprint(
                new NewOutcome("a", "c-1", null, OutcomeKind.CANCELLED, null, null, null, null, Map.of("x", "1", "y", "2"))));
    }

    private OutcomeIntake intake(Pseudonyms pseudonyms) {
        return new OutcomeIntake(ledger, publisher, OutcomeMetrics.NONE, pseudonyms, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(60));
    }

    private static NewOutcome cancelled(String id, String customer) {
        return new NewOutcome(id, customer, "a-7", OutcomeKind.CANCELLED, Instant.parse("2026-05-31T23:59:59Z"),
                new BigDecimal("1200.00"), "EUR", "price", Map.of("plan", "pro"));
    }

    private static final class Publisher implements OutcomePublisher {

        final List<CustomerOutcomeRecorded> published = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public void publish(CustomerOutcomeRecorded event) {
            if (down) {
                throw new EventNotPublishedException("Broker down for event " + event.eventId());
            }
            published.add(event);
        }
    }
}
