package io.npsloop.followup.cases;

import java.time.Instant;

/** One answer of a customer to the recommend question, as a case's score history shows it. */
public record ScoredAnswer(String responseId, int score, Instant answeredAt) {
}
