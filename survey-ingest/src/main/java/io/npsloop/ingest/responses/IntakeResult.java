package io.npsloop.ingest.responses;

import java.util.Locale;

/**
 * What happened to a submitted response: accepted as new, accepted as a higher revision of one
 * already accepted, or recognised as a copy of one already accepted (nothing published).
 */
public record IntakeResult(String responseId, Status status) {

    public enum Status {
        ACCEPTED, UPDATED, DUPLICATE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
