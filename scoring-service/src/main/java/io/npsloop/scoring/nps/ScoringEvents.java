package io.npsloop.scoring.nps;

import java.util.List;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;

/** Where scoring's outputs go. */
public interface ScoringEvents {

    /**
     * Publishes the outputs of one batch and returns only once the broker has every one of them, so
     * the batch is acknowledged only after all its outputs are on their topics; if any send fails
     * this throws and the batch is redelivered (event ids are derived from the input and the
     * figures' versions, so the copies that did get through are dropped by consumers).
     */
    void publish(List<ResponseScored> scored, List<NpsMetricsUpdated> metrics);
}
