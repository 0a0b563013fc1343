package io.npsloop.scoring.nps;

import java.util.ArrayList;
import java.util.List;

import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;

/** Keeps what scoring published, in order; {@link #failNextPublish} makes the next send fail as a whole, as a broker that never acknowledged it. */
class RecordingScoringEvents implements ScoringEvents {

    final List<ResponseScored> scored = new ArrayList<>();
    final List<NpsMetricsUpdated> metrics = new ArrayList<>();
    boolean failNextPublish;

    @Override
    public void publish(List<ResponseScored> events, List<NpsMetricsUpdated> figures) {
        if (failNextPublish) {
            failNextPublish = false;
            throw new IllegalStateException("Simulated send failure: nothing acknowledged");
        }
        scored.addAll(events);
        metrics.addAll(figures);
    }

    void clear() {
        scored.clear();
        metrics.clear();
    }
}
