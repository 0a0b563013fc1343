package io.npsloop.ingest.imports;

import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;

/**
 * Where a validated response goes: in the application the shared {@code ResponseIntake}, which
 * publishes it and recognises copies; in tests anything that counts.
 */
@FunctionalInterface
public interface ResponseSink {

    IntakeResult accept(String source, NewResponse response);
}
