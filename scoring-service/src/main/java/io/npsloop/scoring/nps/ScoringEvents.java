package io.npsloop.scoring.nps;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;

/** Where scoring's outputs go; each call returns only once the broker has the event. */
public interface ScoringEvents {

    void scored(ResponseScored event);

    void metrics(NpsMetricsUpdated event);
}
