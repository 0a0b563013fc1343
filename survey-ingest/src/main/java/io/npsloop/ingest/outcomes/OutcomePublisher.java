package io.npsloop.ingest.outcomes;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.ingest.responses.EventPublisher;

/** Puts an accepted outcome on the outcomes topic; returns only once the broker has it. */
public interface OutcomePublisher extends EventPublisher<CustomerOutcomeRecorded> {
}
