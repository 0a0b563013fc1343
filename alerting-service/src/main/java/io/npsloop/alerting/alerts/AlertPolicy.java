package io.npsloop.alerting.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;

/**
 * The built-in alert policy: every detractor raises an alert; 0-2 is critical and goes to the
 * executive queue, 3-4 is high, 5-6 normal. Each severity has a first-contact SLA.
 */
public final class AlertPolicy {

    private final String defaultQueue;
    private final String executiveQueue;

    public AlertPolicy(String defaultQueue, String executiveQueue) {
        this.defaultQueue = defaultQueue;
        this.executiveQueue = executiveQueue;
    }

    public Optional<Decision> evaluate(ResponseScored response) {
        if (response.category() != Category.DETRACTOR) {
            return Optional.empty();
        }
        if (response.score() <= 2) {
            return Optional.of(new Decision(Severity.CRITICAL, executiveQueue, List.of("super-detractor-0-2"), Duration.ofHours(4)));
        }
        if (response.score() <= 4) {
            return Optional.of(new Decision(Severity.HIGH, defaultQueue, List.of("detractor-0-4"), Duration.ofHours(24)));
        }
        return Optional.of(new Decision(Severity.NORMAL, defaultQueue, List.of("detractor-0-6"), Duration.ofHours(48)));
    }

    /** What an alert looks like: severity, owner queue, the rules that matched, the first-contact SLA. */
    public record Decision(Severity severity, String ownerQueue, List<String> matchedRules, Duration firstContactSla) {
    }
}
