package io.npsloop.scoring.nps;

import java.util.List;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;

/** Where scoring's outputs go. */
public interface ScoringEvents {

    /**
     * Publishes the outputs of one record and returns only once the broker has every one of them, so
     * the record is acknowledged only after all its outputs are on their topics; if any send fails
     * this throws and the record is redelivered (event ids are derived from the input, so the
     * copies that did get through are dropped by consumers).
     */
    void publish(ResponseScored scored, List<NpsMetricsUpdated> metrics);
}
