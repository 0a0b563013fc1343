package io.npsloop.followup.cases;

/** The user may not act on this case (not one of their queues, or not their role); answered with 403. */
public class ForbiddenActionException extends RuntimeException {

    public ForbiddenActionException(String message) {
        super(message);
    }
}
