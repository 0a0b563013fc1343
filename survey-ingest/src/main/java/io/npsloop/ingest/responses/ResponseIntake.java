package io.npsloop.ingest.responses;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseSubmitted;
import org.jspecify.annotations.Nullable;

/**
 * Turns a validated response into a {@link ResponseSubmitted} event and publishes it exactly once
 * per source, response id and revision.
 *
 * <p>The ledger entry is written (pending) before the event is published and confirmed after the
 * broker acknowledged it. A crash or a broker outage in between leaves it pending: the client was
 * told nothing was accepted, and its retry publishes the stored event unchanged. The event id is
 * derived from source, response id and revision, so even a pending event that did reach the broker
 * before the failure reaches consumers as a copy they recognise.
 *
 * <p>A response about a customer who was erased is published and kept under the customer's
 * pseudonym, without contact data or comment ({@link NewResponse#pseudonymised}), and still counts
 * in every figure. The customers are looked up again after the ledger write, and one erased in
 * between is erased again: the erasure records the customer before it erases the ledger, so either
 * the look-up saw it or its pass over the ledger came too early and this one catches the response.
 */
public class ResponseIntake {

    /** Two requests racing on one response settle within a few rounds; more means something is wrong. */
    private static final int MAX_ROUNDS = 5;

    private final SubmissionLedger ledger;
    private final ResponsePublisher publisher;
    private final IntakeMetrics metrics;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final Duration lease;

    /**
     * {@code lease} is how long a pending submission belongs to the request publishing it; it must
     * exceed the longest a publish can take (the producer's max.block.ms plus delivery.timeout.ms).
     */
    public ResponseIntake(SubmissionLedger ledger, ResponsePublisher publisher, IntakeMetrics metrics, Pseudonyms pseudonyms,
            Clock clock, Duration lease) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Accepts a response from a source system. {@code idempotencyKey} (from the Idempotency-Key
     * header) identifies a submission of a client that sends no response id; null when absent.
     *
     * @throws RevisionConflictException when a revision not higher than the stored one has another body
     * @throws SubmissionInProgressException when another request is publishing the same submission
     * @throws io.npsloop.platform.messaging.EventNotPublishedException when the broker did not take the event
     */
    public IntakeResult accept(String source, NewResponse response, @Nullable String idempotencyKey) {
        long started = System.nanoTime();
        IntakeResult result;
        try {
            result = decide(source, response, idempotencyKey, started);
        } catch (RevisionConflictException e) {
            metrics.counted(source, response.channel(), "rejected");
            throw e;
        }
        metrics.counted(source, response.channel(), result.status().wireName());
        return result;
    }

    /**
     * Accepts many responses of one source with the same rules as {@link #accept} one by one, in fewer
     * round trips: the new ones are written to the ledger (pending) in one write, published together
     * and confirmed in one write once every acknowledgement is in. Copies of responses already
     * accepted are answered from the same read. Everything else (a response seen before that is not
     * a plain copy, or a second row of the same response in this batch) goes through {@link #accept}
     * afterwards, in order, so that updates, conflicts and pending retries follow exactly the single
     * path's rules. An item the broker did not acknowledge is refused and stays pending, as after a
     * failed single submission.
     *
     * @return an outcome per response, in the order given
     */
    public List<IntakeOutcome> acceptAll(String source, List<NewResponse> responses) {
        return acceptAll(source, responses, Collections.nCopies(responses.size(), null));
    }

    /**
     * As {@link #acceptAll(String, List)}, with an idempotency key per response (null for none) that
     * gives a response without an id the id {@link #accept} would give it with that key.
     */
    public List<IntakeOutcome> acceptAll(String source, List<NewResponse> responses, List<@Nullable String> idempotencyKeys) {
        if (idempotencyKeys.size() != responses.size()) {
            throw new IllegalArgumentException("One idempotency key (or null) per response: " + idempotencyKeys.size()
                    + " keys for " + responses.size() + " responses");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<String, String> erased = responses.isEmpty() ? Map.of()
                : pseudonyms.of(responses.stream().map(NewResponse::customerId).collect(Collectors.toCollection(LinkedHashSet::new)));
        IntakeOutcome[] outcomes = new IntakeOutcome[responses.size()];
        List<Integer> batched = new ArrayList<>();
        List<Submission> candidates = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            NewResponse response = responses.get(i);
            String responseId = responseId(source, response.responseId(), idempotencyKeys.get(i));
            if (!keys.add(Submission.key(source, responseId))) {
                // The same response twice in one batch: the later one must see the earlier one's outcome.
                oneByOne.add(i);
                continue;
            }
            batched.add(i);
            candidates.add(new Submission(source, responseId, response.revision(), Fingerprints.of(response),
                    Submission.State.PENDING, IntakeResult.Status.ACCEPTED,
                    event(source, responseId, response, erased.get(response.customerId()), now), now.plus(lease), Map.of()));
        }
        Map<String, Submission> existing = candidates.isEmpty() ? Map.of() : ledger.insertAllIfAbsent(candidates);
        List<Integer> publishing = new ArrayList<>();
        List<Submission> inserted = new ArrayList<>();
        for (int n = 0; n < candidates.size(); n++) {
            Submission candidate = candidates.get(n);
            Submission stored = existing.get(candidate.key());
            int index = batched.get(n);
            if (stored == null) {
                publishing.add(index);
                inserted.add(candidate);
            } else if (isCopy(stored, candidate.revision(), candidate.fingerprint())) {
                outcomes[index] = IntakeOutcome.taken(new IntakeResult(candidate.responseId(), IntakeResult.Status.DUPLICATE));
            } else {
                oneByOne.add(index);
            }
        }
        publishInserted(inserted, publishing, outcomes, started);
        eraseIfErasedMeanwhile(inserted.stream().map(Submission::event).toList(), erased);
        oneByOne.sort(null);
        for (int index : oneByOne) {
            try {
                outcomes[index] = IntakeOutcome.taken(accept(source, responses.get(index), idempotencyKeys.get(index)));
            } catch (RuntimeException e) {
                outcomes[index] = IntakeOutcome.refused(e);
            }
        }
        boolean[] countedAlready = new boolean[outcomes.length];
        oneByOne.forEach(index -> countedAlready[index] = true);
        for (int i = 0; i < outcomes.length; i++) {
            // Counted as the single path counts: outcomes taken, and conflicts as rejected.
            IntakeResult result = outcomes[i].result();
            if (countedAlready[i]) {
                continue;
            }
            if (result != null) {
                metrics.counted(source, responses.get(i).channel(), result.status().wireName());
            } else if (outcomes[i].refusal() instanceof RevisionConflictException) {
                metrics.counted(source, responses.get(i).channel(), "rejected");
            }
        }
        return List.of(outcomes);
    }

    private void publishInserted(List<Submission> inserted, List<Integer> indexes, IntakeOutcome[] outcomes, long started) {
        if (inserted.isEmpty()) {
            return;
        }
        List<RuntimeException> failures = publisher.publishAll(inserted.stream().map(Submission::event).toList());
        List<Submission> published = new ArrayList<>();
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        for (int n = 0; n < inserted.size(); n++) {
            Submission submission = inserted.get(n);
            RuntimeException failure = failures.get(n);
            if (failure == null) {
                published.add(submission.published());
                metrics.published(latency);
                outcomes[indexes.get(n)] = IntakeOutcome.taken(new IntakeResult(submission.responseId(), submission.outcome()));
            } else {
                try {
                    ledger.releaseLease(submission);
                } catch (RuntimeException releaseFailure) {
                    // The lease then runs out on its own; the client's retry waits for that.
                    failure.addSuppressed(releaseFailure);
                }
                outcomes[indexes.get(n)] = IntakeOutcome.refused(failure);
            }
        }
        ledger.markAllPublished(published);
    }

    /**
     * A copy of what is already accepted: the same body of the stored revision once its event is on the
     * topic, or the published body of an older revision. Nothing is published for it.
     */
    private static boolean isCopy(Submission stored, int revision, String fingerprint) {
        if (revision < stored.revision()) {
            return fingerprint.equals(stored.publishedRevisions().get(revision));
        }
        return revision == stored.revision() && !stored.pending() && fingerprint.equals(stored.fingerprint());
    }

    private IntakeResult decide(String source, NewResponse response, @Nullable String idempotencyKey, long started) {
        String responseId = responseId(source, response.responseId(), idempotencyKey);
        // Taken from the body as sent, so a retry after the customer's erasure is still a copy.
        String fingerprint = Fingerprints.of(response);
        int revision = response.revision();
        Map<String, String> erased = pseudonyms.of(List.of(response.customerId()));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            Submission candidate = new Submission(source, responseId, revision, fingerprint, Submission.State.PENDING,
                    IntakeResult.Status.ACCEPTED, event(source, responseId, response, erased.get(response.customerId()), now),
                    now.plus(lease), Map.of());
            Optional<Submission> existing = ledger.insertIfAbsent(candidate);
            if (existing.isEmpty()) {
                return publish(candidate, erased, started);
            }
            Submission stored = existing.get();
            if (revision > stored.revision()) {
                Submission update = new Submission(source, responseId, revision, fingerprint, Submission.State.PENDING,
                        IntakeResult.Status.UPDATED, candidate.event(), candidate.leaseUntil(), stored.publishedRevisions());
                if (ledger.supersede(update)) {
                    return publish(update, erased, started);
                }
                continue;
            }
            if (revision < stored.revision()) {
                if (fingerprint.equals(stored.publishedRevisions().get(revision))) {
                    return new IntakeResult(responseId, IntakeResult.Status.DUPLICATE);
                }
                throw new RevisionConflictException(responseId, revision, stored.revision());
            }
            if (!stored.pending()) {
                if (fingerprint.equals(stored.fingerprint())) {
                    return new IntakeResult(responseId, IntakeResult.Status.DUPLICATE);
                }
                throw new RevisionConflictException(responseId, revision, stored.revision());
            }
            if (stored.leaseActive(now)) {
                throw new SubmissionInProgressException(responseId);
            }
            // Pending and abandoned: nothing of it was acknowledged to the client. The same body
            // publishes the stored event unchanged; a changed body replaces it, as it was never accepted.
            Submission next = fingerprint.equals(stored.fingerprint())
                    ? stored.leasedUntil(now.plus(lease))
                    : new Submission(source, responseId, revision, fingerprint, Submission.State.PENDING, stored.outcome(),
                            candidate.event(), now.plus(lease), stored.publishedRevisions());
            if (ledger.takeOverPending(stored, next, now)) {
                return publish(next, erased, started);
            }
        }
        throw new SubmissionInProgressException(responseId);
    }

    private IntakeResult publish(Submission submission, Map<String, String> erased, long started) {
        try {
            publisher.publish(submission.event());
        } catch (RuntimeException e) {
            try {
                ledger.releaseLease(submission);
            } catch (RuntimeException releaseFailure) {
                // The lease then runs out on its own; the client's retry waits for that.
                e.addSuppressed(releaseFailure);
            }
            try {
                // Pending, the entry is in the ledger all the same.
                eraseIfErasedMeanwhile(List.of(submission.event()), erased);
            } catch (RuntimeException eraseFailure) {
                e.addSuppressed(eraseFailure);
            }
            throw e;
        }
        metrics.published(Duration.ofNanos(System.nanoTime() - started));
        ledger.markPublished(submission.published());
        eraseIfErasedMeanwhile(List.of(submission.event()), erased);
        return new IntakeResult(submission.responseId(), submission.outcome());
    }

    /**
     * After the ledger write: the customers of these events who were not known to be erased when
     * the events were built are looked up again, and those erased since are erased again.
     */
    private void eraseIfErasedMeanwhile(List<ResponseSubmitted> events, Map<String, String> erased) {
        Set<String> customers = new LinkedHashSet<>();
        for (ResponseSubmitted event : events) {
            if (!erased.containsValue(event.customerId())) {
                customers.add(event.customerId());
            }
        }
        if (!customers.isEmpty()) {
            pseudonyms.eraseIfErased(customers);
        }
    }

    private ResponseSubmitted event(String source, String responseId, NewResponse received, @Nullable String pseudonym, Instant now) {
        NewResponse response = pseudonym == null ? received : received.pseudonymised(pseudonym);
        Instant respondedAt = response.respondedAt() != null ? response.respondedAt() : now;
        Money accountValue = response.accountValueAmount() == null || response.accountValueCurrency() == null
                ? null
                : new Money(response.accountValueAmount(), response.accountValueCurrency());
        return new ResponseSubmitted(
                eventId(source, responseId, response.revision()),
                EventTypes.RESPONSE_SUBMITTED,
                ResponseSubmitted.SCHEMA_VERSION,
                respondedAt,
                now,
                source,
                responseId,
                response.revision(),
                response.surveyId(),
                response.customerId(),
                response.accountId(),
                response.contact(),
                response.score(),
                response.comment(),
                response.channel(),
                response.touchpoint(),
                response.attributes(),
                accountValue);
    }

    /**
     * The source's own id when it sent one; otherwise derived from the Idempotency-Key, so the
     * retry of a client without ids lands on the same ledger entry; otherwise a fresh id.
     */
    static String responseId(String source, @Nullable String responseId, @Nullable String idempotencyKey) {
        if (responseId != null) {
            return responseId;
        }
        if (idempotencyKey != null) {
            return UUID.nameUUIDFromBytes(("idempotency-key\u0000" + source + "\u0000" + idempotencyKey)
                    .getBytes(StandardCharsets.UTF_8)).toString();
        }
        return UUID.randomUUID().toString();
    }

    static String eventId(String source, String responseId, int revision) {
        return UUID.nameUUIDFromBytes((source + "\u0000" + responseId + "\u0000" + revision)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
