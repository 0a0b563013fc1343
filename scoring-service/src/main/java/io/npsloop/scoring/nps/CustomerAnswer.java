package io.npsloop.scoring.nps;

import java.time.Instant;

import io.npsloop.contracts.Category;

/** One answer in a customer's history: the latest revision of one response, at the time the customer gave it. */
public record CustomerAnswer(String customerId, String responseKey, String responseId, int score, Category category,
        Instant answeredAt) {

    /** Whether this answer was given before the other; equal times are ordered by response key so the order is total. */
    boolean isBefore(Instant at, String key) {
        int byTime = answeredAt.compareTo(at);
        return byTime < 0 || (byTime == 0 && responseKey.compareTo(key) < 0);
    }
}
