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
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Turns a validated submission {@code T} (a response, a customer outcome) into its event {@code E}
 * and publishes it exactly once per source, id and revision; what differs between the kinds of
 * submission is their {@link Kind}.
 *
 * <p>The ledger entry is written (pending) before the event is published and confirmed after the
 * broker acknowledged it. A crash or a broker outage in between leaves it pending: the client was
 * told nothing was accepted, and its retry publishes the stored event unchanged. The event id is
 * derived from source, id and revision, so even a pending event that did reach the broker
 * before the failure reaches consumers as a copy they recognise.
 *
 * <p>A submission about a customer who was erased is published and kept under the customer's
 * pseudonym ({@link Kind#event} gets it). The customers are looked up again after the ledger write,
 * and one erased in between is erased again: the erasure records the customer before it erases the
 * ledger, so either the look-up saw it or its pass over the ledger came too early and this one
 * catches the submission.
 */
public class LedgeredIntake<T, E> {

    /**
     * What the intake needs to know about one kind of submission and its event: the source's own id
     * (null when it sent none), the revision (always 1 for a kind without revisions), the
     * fingerprint (the body in canonical form, hashed, without id and revision, taken as sent, before
     * any pseudonym), the customer of a submission and of an event, how the event is made, and how
     * outcomes ({@code accepted}, {@code updated}, {@code duplicate}, {@code rejected}) and the time
     * to the broker's acknowledgement are counted.
     */
    public record Kind<T, E>(
            Function<T, @Nullable String> id,
            ToIntFunction<T> revision,
            Function<T, String> fingerprint,
            Function<T, String> customerId,
            Function<E, String> customerIdOf,
            EventFactory<T, E> event,
            Counter<T> counted,
            Consumer<Duration> published) {
    }

    /**
     * The event to publish, its id derived from source, id and revision (so a republished pending
     * event has the same one); {@code pseudonym} replaces the customer when the customer is erased.
     */
    @FunctionalInterface
    public interface EventFactory<T, E> {
        E event(String source, String id, T submission, @Nullable String pseudonym, Instant now);
    }

    @FunctionalInterface
    public interface Counter<T> {
        void counted(String source, T submission, String status);
    }

    /** Two requests racing on one submission settle within a few rounds; more means something is wrong. */
    private static final int MAX_ROUNDS = 5;

    private final SubmissionLedger<E> ledger;
    private final EventPublisher<E> publisher;
    private final Kind<T, E> kind;
    private final Pseudonyms pseudonyms;
    private final Clock clock;
    private final Duration lease;

    /**
     * {@code lease} is how long a pending submission belongs to the request publishing it; it must
     * exceed the longest a publish can take (the producer's max.block.ms plus delivery.timeout.ms).
     */
    public LedgeredIntake(SubmissionLedger<E> ledger, EventPublisher<E> publisher, Kind<T, E> kind, Pseudonyms pseudonyms,
            Clock clock, Duration lease) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.kind = kind;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Accepts a submission from a source system. {@code idempotencyKey} (from the Idempotency-Key
     * header) identifies a submission of a client that sends no id; null when absent.
     *
     * @throws RevisionConflictException when a revision not higher than the stored one has another body
     * @throws SubmissionInProgressException when another request is publishing the same submission
     * @throws io.npsloop.platform.messaging.EventNotPublishedException when the broker did not take the event
     */
    public IntakeResult accept(String source, T submission, @Nullable String idempotencyKey) {
        long started = System.nanoTime();
        IntakeResult result;
        try {
            result = decide(source, submission, idempotencyKey, started);
        } catch (RevisionConflictException e) {
            kind.counted().counted(source, submission, "rejected");
            throw e;
        }
        kind.counted().counted(source, submission, result.status().wireName());
        return result;
    }

    /**
     * Accepts many submissions of one source with the same rules as {@link #accept} one by one, in fewer
     * round trips: the new ones are written to the ledger (pending) in one write, published together
     * and confirmed in one write once every acknowledgement is in. Copies of submissions already
     * accepted are answered from the same read. Everything else (a submission seen before that is not
     * a plain copy, or a second row of the same submission in this batch) goes through {@link #accept}
     * afterwards, in order, so that updates, conflicts and pending retries follow exactly the single
     * path's rules. An item the broker did not acknowledge is refused and stays pending, as after a
     * failed single submission.
     *
     * @return an outcome per submission, in the order given
     */
    public List<IntakeOutcome> acceptAll(String source, List<T> submissions) {
        return acceptAll(source, submissions, Collections.nCopies(submissions.size(), null));
    }

    /**
     * As {@link #acceptAll(String, List)}, with an idempotency key per submission (null for none) that
     * gives a submission without an id the id {@link #accept} would give it with that key.
     */
    public List<IntakeOutcome> acceptAll(String source, List<T> submissions, List<@Nullable String> idempotencyKeys) {
        if (idempotencyKeys.size() != submissions.size()) {
            throw new IllegalArgumentException("One idempotency key (or null) per submission: " + idempotencyKeys.size()
                    + " keys for " + submissions.size() + " submissions");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        Map<String, String> erased = submissions.isEmpty() ? Map.of()
                : pseudonyms.of(submissions.stream().map(kind.customerId()).collect(Collectors.toCollection(LinkedHashSet::new)));
        IntakeOutcome[] outcomes = new IntakeOutcome[submissions.size()];
        List<Integer> batched = new ArrayList<>();
        List<Submission<E>> candidates = new ArrayList<>();
        List<Integer> oneByOne = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < submissions.size(); i++) {
            T submission = submissions.get(i);
            String responseId = responseId(source, kind.id().apply(submission), idempotencyKeys.get(i));
            if (!keys.add(Submission.key(source, responseId))) {
                // The same submission twice in one batch: the later one must see the earlier one's outcome.
                oneByOne.add(i);
                continue;
            }
            batched.add(i);
            candidates.add(new Submission<>(source, responseId, kind.revision().applyAsInt(submission), kind.fingerprint().apply(submission),
                    Submission.State.PENDING, IntakeResult.Status.ACCEPTED,
                    kind.event().event(source, responseId, submission, erased.get(kind.customerId().apply(submission)), now), now.plus(lease), Map.of()));
        }
        Map<String, Submission<E>> existing = candidates.isEmpty() ? Map.of() : ledger.insertAllIfAbsent(candidates);
        List<Integer> publishing = new ArrayList<>();
        List<Submission<E>> inserted = new ArrayList<>();
        for (int n = 0; n < candidates.size(); n++) {
            Submission<E> candidate = candidates.get(n);
            Submission<E> stored = existing.get(candidate.key());
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
                outcomes[index] = IntakeOutcome.taken(accept(source, submissions.get(index), idempotencyKeys.get(index)));
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
                kind.counted().counted(source, submissions.get(i), result.status().wireName());
            } else if (outcomes[i].refusal() instanceof RevisionConflictException) {
                kind.counted().counted(source, submissions.get(i), "rejected");
            }
        }
        return List.of(outcomes);
    }

    private void publishInserted(List<Submission<E>> inserted, List<Integer> indexes, IntakeOutcome[] outcomes, long started) {
        if (inserted.isEmpty()) {
            return;
        }
        List<RuntimeException> failures = publisher.publishAll(inserted.stream().map(Submission::event).toList());
        List<Submission<E>> published = new ArrayList<>();
        Duration latency = Duration.ofNanos(System.nanoTime() - started);
        for (int n = 0; n < inserted.size(); n++) {
            Submission<E> submission = inserted.get(n);
            RuntimeException failure = failures.get(n);
            if (failure == null) {
                published.add(submission.published());
                kind.published().accept(latency);
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
    private static boolean isCopy(Submission<?> stored, int revision, String fingerprint) {
        if (revision < stored.revision()) {
            return fingerprint.equals(stored.publishedRevisions().get(revision));
        }
        return revision == stored.revision() && !stored.pending() && fingerprint.equals(stored.fingerprint());
    }

    private IntakeResult decide(String source, T submission, @Nullable String idempotencyKey, long started) {
        String responseId = responseId(source, kind.id().apply(submission), idempotencyKey);
        // Taken from the body as sent, so a retry after the customer's erasure is still a copy.
        String fingerprint = kind.fingerprint().apply(submission);
        int revision = kind.revision().applyAsInt(submission);
        Map<String, String> erased = pseudonyms.of(List.of(kind.customerId().apply(submission)));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant now = clock.instant();
            Submission<E> candidate = new Submission<>(source, responseId, revision, fingerprint, Submission.State.PENDING,
                    IntakeResult.Status.ACCEPTED, kind.event().event(source, responseId, submission, erased.get(kind.customerId().apply(submission)), now),
                    now.plus(lease), Map.of());
            Optional<Submission<E>> existing = ledger.insertIfAbsent(candidate);
            if (existing.isEmpty()) {
                return publish(candidate, erased, started);
            }
            Submission<E> stored = existing.get();
            if (revision > stored.revision()) {
                Submission<E> update = new Submission<>(source, responseId, revision, fingerprint, Submission.State.PENDING,
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
            Submission<E> next = fingerprint.equals(stored.fingerprint())
                    ? stored.leasedUntil(now.plus(lease))
                    : new Submission<>(source, responseId, revision, fingerprint, Submission.State.PENDING, stored.outcome(),
                            candidate.event(), now.plus(lease), stored.publishedRevisions());
            if (ledger.takeOverPending(stored, next, now)) {
                return publish(next, erased, started);
            }
        }
        throw new SubmissionInProgressException(responseId);
    }

    private IntakeResult publish(Submission<E> submission, Map<String, String> erased, long started) {
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
        kind.published().accept(Duration.ofNanos(System.nanoTime() - started));
        ledger.markPublished(submission.published());
        eraseIfErasedMeanwhile(List.of(submission.event()), erased);
        return new IntakeResult(submission.responseId(), submission.outcome());
    }

    /**
     * After the ledger write: the customers of these events who were not known to be erased when
     * the events were built are looked up again, and those erased since are erased again.
     */
    private void eraseIfErasedMeanwhile(List<E> events, Map<String, String> erased) {
        Set<String> customers = new LinkedHashSet<>();
        for (E event : events) {
            if (!erased.containsValue(kind.customerIdOf().apply(event))) {
                customers.add(kind.customerIdOf().apply(event));
            }
        }
        if (!customers.isEmpty()) {
            pseudonyms.eraseIfErased(customers);
        }
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
            return nameUuid("idempotency-key", source, idempotencyKey);
        }
        return UUID.randomUUID().toString();
    }

    /** A name-based UUID of the parts: the same parts, the same id, on every instance and after every restart. */
    public static String nameUuid(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String eventId(String source, String responseId, int revision) {
        return nameUuid(source, responseId, Integer.toString(revision));
    }
}
