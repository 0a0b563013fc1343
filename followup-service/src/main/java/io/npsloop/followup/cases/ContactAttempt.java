package io.npsloop.followup.cases;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One attempt to reach the customer. The note stays here: it may hold personal data. */
public record ContactAttempt(int number, String agent, Instant at, Channel channel, Outcome outcome,
        @Nullable Instant callbackAt, @Nullable String note) {

    /** How the agent tried. */
    public enum Channel {
        PHONE, EMAIL, CHAT, IN_PERSON
    }

    /**
     * What came of it; everything but {@code REACHED} and {@code DO_NOT_CONTACT} counts as a failed
     * attempt. {@code DO_NOT_CONTACT}: the customer was reached and asked not to be contacted again,
     * which puts them on the do-not-contact list.
     */
    public enum Outcome {
        REACHED, NO_ANSWER, VOICEMAIL, CALLBACK_REQUESTED, WRONG_NUMBER, DO_NOT_CONTACT;

        public boolean reachedCustomer() {
            return this == REACHED || this == DO_NOT_CONTACT;
        }
    }
}
