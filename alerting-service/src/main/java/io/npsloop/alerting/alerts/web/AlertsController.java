package io.npsloop.alerting.alerts.web;

import java.util.List;

import io.npsloop.alerting.alerts.AlertStore;
import io.npsloop.contracts.DetractorAlertRaised;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alerts raised, newest first. */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertsController {

    private final AlertStore store;

    AlertsController(AlertStore store) {
        this.store = store;
    }

    @GetMapping
    List<DetractorAlertRaised> recent(@RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.recent(limit);
    }
}
