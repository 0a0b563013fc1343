package io.npsloop.reporting.projections;

import java.util.List;

import io.npsloop.contracts.DetractorAlertRaised;

/** The alerts projection, {@code alertOnce}: one alert per alert id; a redelivered alert changes nothing. */
public interface Alerts {

    void saveAlerts(List<DetractorAlertRaised> alerts);

    List<AlertFact> alerts();
}
