package io.npsloop.platform.messaging;

/** An event could not be written to its topic; the caller must not report success. */
public class EventNotPublishedException extends RuntimeException {

    public EventNotPublishedException(String message) {
        super(message);
    }

    public EventNotPublishedException(String message, Throwable cause) {
        super(message, cause);
    }
}
