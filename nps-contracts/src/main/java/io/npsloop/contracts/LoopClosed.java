package io.npsloop.contracts;

import java.time.Instant;

/**
 * The customer of a case answered again, on {@link Topics#FOLLOWUPS}, keyed by customer id:
 * {@code responseId} is the answer that opened the case, {@code answerResponseId} the next one, and
 * {@code transition} reads like {@code DETRACTOR->PROMOTER}.
 */
public record LoopClosed(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        String caseId,
        String customerId,
        String responseId,
        long sequence,
        String queue,
        int previousScore,
        Category previousCategory,
        String answerResponseId,
        int score,
        Category category,
        String transition,
        Instant answeredAt) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The customer id: one customer's events stay in order on one partition. */
    @Override
    public String key() {
        return customerId;
    }
}
