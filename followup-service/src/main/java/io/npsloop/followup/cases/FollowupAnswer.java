package io.npsloop.followup.cases;

import java.time.Instant;

import io.npsloop.contracts.Category;

/** The customer's next answer after the case's alert: the proof whether the loop worked. */
public record FollowupAnswer(String responseId, int score, Category category, String transition, Instant answeredAt) {
}
