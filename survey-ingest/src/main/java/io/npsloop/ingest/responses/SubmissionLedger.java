package io.npsloop.ingest.responses;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers every submission (response or outcome) a source made, so a retry publishes nothing and a changed body
 * needs a higher revision. Every change is one guarded single-document update: the store needs
 * no transactions, and two requests racing on one response cannot both win.
 */
public interface SubmissionLedger<E> {

    /** Stores {@code submission} if its key is new; otherwise leaves the stored one and returns it. */
    Optional<Submission<E>> insertIfAbsent(Submission<E> submission);

    /**
     * Stores each submission whose key is new (the keys are distinct); returns the stored submission
     * of every key that existed already, by key. A store may do this in one round trip.
     */
    default Map<String, Submission<E>> insertAllIfAbsent(List<Submission<E>> submissions) {
        Map<String, Submission<E>> existing = new HashMap<>();
        for (Submission<E> submission : submissions) {
            insertIfAbsent(submission).ifPresent(stored -> existing.put(submission.key(), stored));
        }
        return existing;
    }

    Optional<Submission<E>> find(String key);

    /** Replaces the stored submission only if its revision is lower than {@code next}'s. */
    boolean supersede(Submission<E> next);

    /**
     * Replaces a pending submission of the same revision whose lease has run out (a body that was
     * never accepted may be sent again changed), or takes over its lease when the body is the same.
     */
    boolean takeOverPending(Submission<E> stored, Submission<E> next, Instant now);

    /** Records that {@code submission}'s event is on the topic; a no-op if a newer revision replaced it. */
    void markPublished(Submission<E> submission);

    /** {@link #markPublished} for each; a store may do this in one round trip. */
    default void markAllPublished(List<Submission<E>> submissions) {
        submissions.forEach(this::markPublished);
    }

    /** Gives up the lease of a submission whose publishing failed, so the client's retry may publish it at once. */
    void releaseLease(Submission<E> submission);
}
