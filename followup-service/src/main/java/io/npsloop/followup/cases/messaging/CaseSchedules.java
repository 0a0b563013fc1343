package io.npsloop.followup.cases.messaging;

import java.time.Clock;
import java.time.Duration;

import io.npsloop.followup.FollowupProperties;
import io.npsloop.followup.cases.OutboxRelay;
import io.npsloop.followup.cases.SlaWatch;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The periodic jobs: the outbox sweep (crash safety) and the SLA watch. Intervals in followup-service.yml. */
@Component
class CaseSchedules {

    private final OutboxRelay relay;
    private final SlaWatch slaWatch;
    private final Clock clock;
    private final Duration grace;

    CaseSchedules(OutboxRelay relay, SlaWatch slaWatch, Clock clock, FollowupProperties properties) {
        this.relay = relay;
        this.slaWatch = slaWatch;
        this.clock = clock;
        this.grace = properties.outboxSweepInterval();
    }

    @Scheduled(fixedDelayString = "${followup.outbox-sweep-interval:PT10S}", initialDelayString = "${followup.outbox-sweep-interval:PT10S}")
    void sweepOutbox() {
        relay.sweep(clock.instant(), grace);
    }

    @Scheduled(fixedDelayString = "${followup.sla-check-interval:PT1M}", initialDelayString = "${followup.sla-check-interval:PT1M}")
    void checkSla() {
        slaWatch.run();
    }
}
