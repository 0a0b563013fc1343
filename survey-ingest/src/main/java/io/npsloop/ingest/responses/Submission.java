package io.npsloop.ingest.responses;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The ledger's record of one submission of one source (a response, or a customer outcome, whose
 * event {@code E} the ledger keeps): its latest revision, the fingerprint of that
 * revision's body, and whether its event is on the topic yet. {@code PENDING} means an attempt
 * to publish started and did not confirm; the stored event is published again as it is, so a retry
 * after a crash or a broker outage puts the same event id on the topic. {@code leaseUntil} keeps a
 * second, concurrent request from publishing a pending event while the first is still at it.
 * {@code publishedRevisions} maps each revision whose event is on the topic to its fingerprint, so
 * a late retry of an older revision is still recognised as a duplicate.
 */
public record Submission<E>(
        String source,
        String responseId,
        int revision,
        String fingerprint,
        State state,
        IntakeResult.Status outcome,
        E event,
        @Nullable Instant leaseUntil,
        Map<Integer, String> publishedRevisions) {

    public enum State { PENDING, PUBLISHED }

    public Submission {
        publishedRevisions = Map.copyOf(publishedRevisions);
    }

    /** One document per source and id: the same id from two systems is two submissions. */
    public static String key(String source, String responseId) {
        return source + '|' + responseId;
    }

    public String key() {
        return key(source, responseId);
    }

    public boolean pending() {
        return state == State.PENDING;
    }

    public boolean leaseActive(Instant now) {
        return leaseUntil != null && leaseUntil.isAfter(now);
    }

    Submission<E> published() {
        Map<Integer, String> revisions = new HashMap<>(publishedRevisions);
        revisions.put(revision, fingerprint);
        return new Submission<>(source, responseId, revision, fingerprint, State.PUBLISHED, outcome, event, null, revisions);
    }

    Submission<E> leasedUntil(@Nullable Instant until) {
        return new Submission<>(source, responseId, revision, fingerprint, state, outcome, event, until, publishedRevisions);
    }
}
