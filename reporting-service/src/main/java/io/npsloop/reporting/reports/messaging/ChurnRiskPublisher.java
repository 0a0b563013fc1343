package io.npsloop.reporting.reports.messaging;

import java.util.List;
import java.util.Objects;

import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.platform.messaging.EventSender;
import io.npsloop.platform.messaging.OutgoingEvent;
import io.npsloop.reporting.reports.ChurnRiskModel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the churn model on {@code nps.churn-risk.v1} (binding {@value #BINDING}) every
 * {@code nps.reporting.churn.publish-interval}, when its figures differ from the last ones this
 * instance published (the first time after a start, always): the topic is compacted under one key,
 * so the record on it is the current model, and a reader keeps the latest. A failed send is logged
 * and tried again at the next interval.
 */
public class ChurnRiskPublisher {

    static final String BINDING = "churn-risk-out";
    private static final Logger log = LoggerFactory.getLogger(ChurnRiskPublisher.class);

    private final ChurnRiskModel model;
    private final EventSender sender;
    private volatile @Nullable String lastPublished;

    public ChurnRiskPublisher(ChurnRiskModel model, EventSender sender) {
        this.model = model;
        this.sender = sender;
    }

    @Scheduled(initialDelayString = "${nps.reporting.churn.publish-delay:PT10S}",
            fixedDelayString = "${nps.reporting.churn.publish-interval:PT15M}")
    void publishIfChanged() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("Publishing the churn model failed; it is tried again at the next interval", e);
        }
    }

    /** Publishes the current model unless it is the one published last; true when it sent one. */
    public boolean publish() {
        ChurnRiskUpdated current = model.current().orElse(null);
        if (current == null || Objects.equals(current.eventId(), lastPublished)) {
            return false;
        }
        sender.sendAll(List.of(OutgoingEvent.of(BINDING, current)));
        lastPublished = current.eventId();
        return true;
    }
}
