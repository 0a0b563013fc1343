package io.npsloop.alerting.alerts;

import io.npsloop.contracts.DetractorAlertRaised;

/** Where raised alerts go; returns only once the broker has the event. */
public interface AlertEvents {

    void raised(DetractorAlertRaised alert);
}
