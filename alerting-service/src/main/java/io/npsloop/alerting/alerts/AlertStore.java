package io.npsloop.alerting.alerts;

import java.util.List;

import io.npsloop.contracts.DetractorAlertRaised;
import org.jspecify.annotations.Nullable;

/** The alerts raised, each stored before it is published, with whether it was published yet. */
public interface AlertStore {

    /** Stores the alert unless one for the same response exists; returns the stored one either way. */
    StoredAlert insertIfAbsent(DetractorAlertRaised alert);

    void markPublished(String alertId);

    @Nullable StoredAlert find(String alertId);

    List<DetractorAlertRaised> recent(int limit);

    record StoredAlert(DetractorAlertRaised alert, boolean published) {
    }
}
