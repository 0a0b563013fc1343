package io.npsloop.ingest.responses;

/**
 * A response arrived with a revision that is not higher than the one already accepted, but with
 * a different body: the client must send a higher revision to change an accepted response.
 */
public class RevisionConflictException extends RuntimeException {

    private final String responseId;
    private final int revision;
    private final int storedRevision;

    public RevisionConflictException(String responseId, int revision, int storedRevision) {
        super("Response " + responseId + " revision " + revision + " differs from what was accepted; the stored revision is "
                + storedRevision + ", send a higher revision to change it");
        this.responseId = responseId;
        this.revision = revision;
        this.storedRevision = storedRevision;
    }

    public String responseId() {
        return responseId;
    }

    public int revision() {
        return revision;
    }

    public int storedRevision() {
        return storedRevision;
    }
}
