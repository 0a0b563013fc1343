package io.npsloop.ingest.responses;

/**
 * A single submission was not handed to the intake at all: too many were already waiting, or the
 * service is stopping. Nothing of it was recorded, so the client's retry is an ordinary submission.
 */
public class IntakeBusyException extends RuntimeException {

    public IntakeBusyException(String message) {
        super(message);
    }
}
