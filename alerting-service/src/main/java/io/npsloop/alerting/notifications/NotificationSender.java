package io.npsloop.alerting.notifications;

/** Sends one notification over its channel; a thrown exception counts as a failed attempt. */
public interface NotificationSender {

    /** @return what the receiver answered, for the attempt record */
    Outcome send(Notification notification) throws Exception;

    /** What one send achieved. {@code retryable} false ends the retries (for example a refused URL). */
    record Outcome(boolean delivered, boolean retryable, String detail) {

        public static Outcome delivered(String detail) {
            return new Outcome(true, false, detail);
        }

        public static Outcome failed(String detail) {
            return new Outcome(false, true, detail);
        }

        public static Outcome refused(String detail) {
            return new Outcome(false, false, detail);
        }
    }
}
