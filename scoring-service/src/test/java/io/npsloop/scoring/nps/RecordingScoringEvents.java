package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;

/** Keeps what scoring published, in order. */
class RecordingScoringEvents implements ScoringEvents {

    final List<ResponseScored> scored = new ArrayList<>();
    final List<NpsMetricsUpdated> metrics = new ArrayList<>();

    @Override
    public void publish(List<ResponseScored> events, List<NpsMetricsUpdated> figures) {
        scored.addAll(events);
        metrics.addAll(figures);
    }

    void clear() {
        scored.clear();
        metrics.clear();
    }
}
