package io.npsloop.ingest.responses;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger's guarded updates over a map, for tests that exercise the intake without a database. */
public class InMemorySubmissionLedger<E> implements SubmissionLedger<E> {

    private final Map<String, Submission<E>> submissions = new ConcurrentHashMap<>();

    @Override
    public Optional<Submission<E>> insertIfAbsent(Submission<E> submission) {
        return Optional.ofNullable(submissions.putIfAbsent(submission.key(), submission));
    }

    @Override
    public Optional<Submission<E>> find(String key) {
        return Optional.ofNullable(submissions.get(key));
    }

    @Override
    public synchronized boolean supersede(Submission<E> next) {
        Submission<E> stored = submissions.get(next.key());
        if (stored == null || stored.revision() >= next.revision()) {
            return false;
        }
        submissions.put(next.key(), next);
        return true;
    }

    @Override
    public synchronized boolean takeOverPending(Submission<E> stored, Submission<E> next, Instant now) {
        Submission<E> current = submissions.get(stored.key());
        if (current == null || current.revision() != stored.revision() || !current.fingerprint().equals(stored.fingerprint())
                || !current.pending() || current.leaseActive(now)) {
            return false;
        }
        submissions.put(next.key(), next);
        return true;
    }

    @Override
    public synchronized void markPublished(Submission<E> submission) {
        Submission<E> current = submissions.get(submission.key());
        if (current != null && current.revision() == submission.revision() && current.fingerprint().equals(submission.fingerprint())) {
            submissions.put(submission.key(), current.published());
        }
    }

    @Override
    public synchronized void releaseLease(Submission<E> submission) {
        Submission<E> current = submissions.get(submission.key());
        if (current != null && current.pending() && current.revision() == submission.revision()
                && current.fingerprint().equals(submission.fingerprint())) {
            submissions.put(submission.key(), current.leasedUntil(null));
        }
    }

    public void clear() {
        submissions.clear();
    }
}
