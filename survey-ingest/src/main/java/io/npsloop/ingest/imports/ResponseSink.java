package io.npsloop.ingest.imports;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.platform.messaging.EventNotPublishedException;

/**
 * Where a validated response goes: in the application the shared {@code ResponseIntake}, which
 * publishes it and recognises copies; in tests anything that counts.
 */
@FunctionalInterface
public interface ResponseSink {

    IntakeResult accept(String source, NewResponse response);

    /**
     * Many responses at once, an outcome per response in order. This default takes them one by one
     * and, once the broker refused one, refuses the rest the same way instead of waiting on it again.
     */
    default List<IntakeOutcome> acceptAll(String source, List<NewResponse> responses) {
        List<IntakeOutcome> outcomes = new ArrayList<>(responses.size());
        EventNotPublishedException unavailable = null;
        for (NewResponse response : responses) {
            if (unavailable != null) {
                outcomes.add(IntakeOutcome.refused(unavailable));
                continue;
            }
            try {
                outcomes.add(IntakeOutcome.taken(accept(source, response)));
            } catch (EventNotPublishedException e) {
                unavailable = e;
                outcomes.add(IntakeOutcome.refused(e));
            } catch (RuntimeException e) {
                outcomes.add(IntakeOutcome.refused(e));
            }
        }
        return outcomes;
    }
}
