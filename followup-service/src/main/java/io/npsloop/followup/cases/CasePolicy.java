package io.npsloop.followup.cases;

import java.time.Duration;

/**
 * The rules of working cases that operators tune: how long a claim lasts without action, after how
 * many failed attempts a customer is unreachable, where overdue cases escalate and how long the
 * escalated queue gets.
 */
public record CasePolicy(Duration claimTimeout, int maxFailedAttempts, String leadQueueSuffix, String executiveQueue,
        Duration escalationSla, Duration advocacySla) {

    /** The team lead queue of a queue: the queue's name with the configured suffix. */
    public String leadQueueOf(String queue) {
        return queue.endsWith(leadQueueSuffix) ? queue : queue + leadQueueSuffix;
    }
}
