package io.npsloop.scoring.nps;

import java.time.Instant;

import io.npsloop.contracts.Category;

/** The latest answer of a customer, by the time they answered: the "previous score" of their next one. */
public record CustomerLastAnswer(String customerId, String responseKey, String responseId, int score, Category category,
        Instant answeredAt) {
}
