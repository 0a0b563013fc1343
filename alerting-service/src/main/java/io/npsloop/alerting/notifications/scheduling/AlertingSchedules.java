package io.npsloop.alerting.notifications.scheduling;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.alerting.AlertingProperties;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.alerting.notifications.NotificationDispatcher;
import io.npsloop.alerting.rules.ChurnRiskCatalog;
import io.npsloop.alerting.rules.RuleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The background jobs, each at its configured interval: draining the notifications outbox,
 * reloading the rules and the churn model (changes made or consumed by another instance), evicting
 * old scored responses.
 * A failing run is logged and the next one tries again.
 */
@Configuration(proxyBeanMethods = false)
class AlertingSchedules implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AlertingSchedules.class);

    private final NotificationDispatcher dispatcher;
    private final RuleCatalog catalog;
    private final ChurnRiskCatalog churn;
    private final ScoredResponses scored;
    private final AlertingProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    AlertingSchedules(NotificationDispatcher dispatcher, RuleCatalog catalog, ChurnRiskCatalog churn, ScoredResponses scored,
            AlertingProperties properties, MeterRegistry meters, Clock clock) {
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.churn = churn;
        this.scored = scored;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(() -> run("dispatch notifications",
                () -> meters.counter("nps.notifications.attempts").increment(dispatcher.dispatchDue())),
                properties.notifications().dispatchInterval());
        registrar.addFixedDelayTask(() -> run("refresh rules", catalog::refresh), properties.rules().refreshInterval());
        registrar.addFixedDelayTask(() -> run("refresh the churn model", churn::refresh), properties.rules().refreshInterval());
        registrar.addFixedDelayTask(() -> run("evict scored responses", () -> scored.evictAnsweredBefore(
                clock.instant().minus(Duration.ofDays(properties.dryRun().retentionDays())))),
                properties.dryRun().evictionInterval());
    }

    private static void run(String job, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("Scheduled job '{}' failed; it runs again at its next interval", job, e);
        }
    }
}
