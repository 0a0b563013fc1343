package io.npsloop.followup.cases;

import java.util.Map;

import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/**
 * Which promoter answers become advocacy tasks: a score at or above {@code minScore} and every
 * configured attribute equal (for example plan=pro). The task asks for a review, or for a
 * referral when the customer scored 10.
 */
public record AdvocacyRule(boolean enabled, int minScore, Map<String, String> attributes, String queue) {

    public AdvocacyRule {
        attributes = Map.copyOf(attributes);
    }

    public @Nullable String taskFor(ResponseScored scored) {
        if (!enabled || scored.score() < minScore) {
            return null;
        }
        for (Map.Entry<String, String> required : attributes.entrySet()) {
            if (!required.getValue().equals(scored.attributes().get(required.getKey()))) {
                return null;
            }
        }
        return scored.score() == 10 ? "REFERRAL" : "REVIEW";
    }
}
