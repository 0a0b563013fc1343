package io.npsloop.ingest.responses;

import io.npsloop.contracts.ResponseSubmitted;

/** Puts an accepted response on the responses topic; returns only once the broker has it. */
public interface ResponsePublisher extends EventPublisher<ResponseSubmitted> {
}
