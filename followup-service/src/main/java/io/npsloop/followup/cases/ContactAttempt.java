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

    /** What came of it; everything but {@code REACHED} counts as a failed attempt. */
    public enum Outcome {
        REACHED, NO_ANSWER, VOICEMAIL, CALLBACK_REQUESTED, WRONG_NUMBER
    }
}
