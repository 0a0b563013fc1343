package io.npsloop.ingest.outcomes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.FieldProblem;
import io.npsloop.contracts.Money;
import io.npsloop.ingest.responses.Fingerprints;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.LedgeredIntake;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.ingest.responses.RevisionConflictException;
import io.npsloop.ingest.responses.SubmissionLedger;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Publishes each outcome once per source and outcome id, by the rules of {@link LedgeredIntake}
 * (pending before the send, confirmed after the broker's acknowledgement, a pending one republished
 * unchanged by the retry). An outcome has no revisions: it happened, once. Every outcome is its
 * revision 1, so the same body again is a {@code duplicate} and another body under the same id is a
 * {@link RevisionConflictException}, which the API answers as a 409.
 * An outcome of a customer erased before it arrived is published under the pseudonym
 * ({@link NewOutcome#pseudonymised}).
 */
public class OutcomeIntake extends LedgeredIntake<NewOutcome, CustomerOutcomeRecorded> {

    public OutcomeIntake(SubmissionLedger<CustomerOutcomeRecorded> ledger, OutcomePublisher publisher, OutcomeMetrics metrics,
            Pseudonyms pseudonyms, Clock clock, Duration lease) {
        super(ledger, publisher, new Kind<>(NewOutcome::outcomeId, outcome -> 1, OutcomeIntake::fingerprint, NewOutcome::customerId,
                CustomerOutcomeRecorded::customerId, OutcomeIntake::event,
                (source, outcome, status) -> metrics.counted(source, outcome.outcome(), status), metrics::published),
                pseudonyms, clock, lease);
    }

    /** The event id of an outcome: a name-based UUID of source and outcome id, in a name space of its own. */
    public static String eventId(String source, String outcomeId) {
        return nameUuid("outcome", source, outcomeId);
    }

    /** What every outcome path says of a second body under one outcome id, naming {@code outcomeId}. */
    public static FieldProblem conflictProblem(RevisionConflictException conflict) {
        return new FieldProblem("outcomeId", "outcome " + conflict.responseId()
                + " was recorded with another body; an outcome is recorded once, send a new outcomeId for a new outcome");
    }

    /** The outcomes of {@link #acceptAll}, with each conflict refused as an invalid outcome ({@link #conflictProblem}). */
    public static List<IntakeOutcome> namingConflicts(List<IntakeOutcome> outcomes) {
        return outcomes.stream().map(outcome -> outcome.refusal() instanceof RevisionConflictException conflict
                ? IntakeOutcome.refused(new InvalidRequestException(List.of(conflictProblem(conflict))))
                : outcome).toList();
    }

    /**
     * The canonical body: every field but the id, as sent (no default time), so a retry that again
     * leaves {@code occurredAt} out matches, and one that sends {@code CANCELLED} for {@code cancelled} too.
     */
    static String fingerprint(NewOutcome outcome) {
        return new Fingerprints.Canonical()
                .field("customerId", outcome.customerId())
                .field("accountId", outcome.accountId())
                .field("outcome", outcome.outcome().name())
                .field("occurredAt", outcome.occurredAt() == null ? null : outcome.occurredAt().toString())
                .field("value.amount", outcome.valueAmount() == null ? null : outcome.valueAmount().toPlainString())
                .field("value.currency", outcome.valueCurrency())
                .field("reasonCode", outcome.reasonCode())
                .fields("attributes", outcome.attributes())
                .sha256();
    }

    private static CustomerOutcomeRecorded event(String source, String outcomeId, NewOutcome received, @Nullable String pseudonym,
            Instant now) {
        NewOutcome outcome = pseudonym == null ? received : received.pseudonymised(pseudonym);
        Money value = outcome.valueAmount() == null || outcome.valueCurrency() == null
                ? null
                : new Money(outcome.valueAmount(), outcome.valueCurrency());
        return new CustomerOutcomeRecorded(eventId(source, outcomeId), EventTypes.CUSTOMER_OUTCOME_RECORDED,
                CustomerOutcomeRecorded.SCHEMA_VERSION, outcome.occurredAt() != null ? outcome.occurredAt() : now, now, source,
                outcomeId, outcome.customerId(), outcome.accountId(), outcome.outcome(), value, outcome.reasonCode(),
                outcome.attributes().isEmpty() ? null : outcome.attributes());
    }
}
