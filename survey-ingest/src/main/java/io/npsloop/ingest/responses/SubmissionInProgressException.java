package io.npsloop.ingest.responses;

/**
 * An identical submission is being published by another request right now. Answering it as a
 * duplicate would claim an acceptance that has not happened yet, so the client retries shortly.
 */
public class SubmissionInProgressException extends RuntimeException {

    /** {@code id}: the submission's own id (a response id or an outcome id). */
    public SubmissionInProgressException(String id) {
        super("Submission " + id + " is being accepted by another request; retry shortly");
    }
}
