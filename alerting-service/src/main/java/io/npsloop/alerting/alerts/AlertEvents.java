package io.npsloop.alerting.alerts;

import java.util.List;

import io.npsloop.contracts.DetractorAlertRaised;

/** Where raised alerts go; returns only once the broker has every one of them, and throws if it has not. */
public interface AlertEvents {

    void raisedAll(List<DetractorAlertRaised> alerts);
}
