package io.npsloop.reporting.projections.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.platform.messaging.ConsumedEvent;
import io.npsloop.platform.messaging.EventBatches;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.Cases;
import io.npsloop.reporting.projections.DailyFigure;
import io.npsloop.reporting.projections.DailyFigures;
import io.npsloop.reporting.projections.Outcomes;
import io.npsloop.statistics.NpsTally;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka edge of reporting: figures, scored responses, alerts, case events and customer outcomes in, each into its
 * one projection. Every binding is in batch mode ({@link EventBatches}): a poll's records are parsed and
 * held to their schema once each, then each store is written once per batch, by the same rules as
 * one record at a time. Wiring is in reporting-service.yml.
 */
@Configuration(proxyBeanMethods = false)
class ReportingFunctions {

    static final String DAY_PERIOD = "DAY";

    /**
     * Keeps the DAY figures (the highest version per segment and day); any other period (the
     * rolling windows scoring once published) is ignored, since reporting sums days itself.
     */
    @Bean
    Consumer<Message<List<byte[]>>> recordMetrics(EventBatches batches, DailyFigures store) {
        return batches.consumer("recordMetrics", NpsMetricsUpdated.class, batch -> {
            List<DailyFigure> figures = new ArrayList<>(batch.size());
            for (ConsumedEvent<NpsMetricsUpdated> record : batch) {
                NpsMetricsUpdated metrics = record.event();
                if (DAY_PERIOD.equals(metrics.period())) {
                    figures.add(new DailyFigure(metrics.dimension(), metrics.segment(), metrics.to(),
                            new NpsTally(metrics.promoters(), metrics.passives(), metrics.detractors()), metrics.version(),
                            metrics.scores()));
                }
            }
            if (!figures.isEmpty()) {
                store.saveDailyFigures(figures);
            }
        });
    }

    /** Keeps the latest revision of every scored response (latestRevisionWins). */
    @Bean
    Consumer<Message<List<byte[]>>> projectAnswers(EventBatches batches, Answers answers) {
        return batches.consumer("projectAnswers", ResponseScored.class, batch -> answers.saveAnswers(events(batch)));
    }

    /** Keeps every alert once (alertOnce). */
    @Bean
    Consumer<Message<List<byte[]>>> projectAlerts(EventBatches batches, Alerts alerts) {
        return batches.consumer("projectAlerts", DetractorAlertRaised.class, batch -> alerts.saveAlerts(events(batch)));
    }

    /** Keeps every customer outcome once (outcomeOnce, by source and outcome id). */
    @Bean
    Consumer<Message<List<byte[]>>> projectOutcomes(EventBatches batches, Outcomes outcomes) {
        return batches.consumer("projectOutcomes", CustomerOutcomeRecorded.class, batch -> outcomes.saveOutcomes(events(batch)));
    }

    /**
     * nps.followups.v1 carries several event types; each event names its own in {@code eventType}
     * (the same value as its CloudEvents type header, which the function layer rewrites), which
     * decides the record to read it as. Each is applied once per case sequence (caseEventOnce), in
     * the batch's order: one customer's events share a partition, so a case's events come in the
     * order they happened.
     */
    @Bean
    Consumer<Message<List<byte[]>>> trackCases(EventBatches batches, Cases cases, JsonMapper mapper) {
        return batches.consumer("trackCases", JsonNode.class, batch -> {
            List<Record> events = new ArrayList<>(batch.size());
            for (ConsumedEvent<JsonNode> record : batch) {
                Record event = caseEvent(record.event(), mapper);
                if (event != null) {
                    events.add(event);
                }
            }
            cases.applyCaseEvents(events);
        });
    }

    /** Types added later are ignored (null) until reporting has a use for them: consumers ignore what they do not know. */
    private static @Nullable Record caseEvent(JsonNode event, JsonMapper mapper) {
        Class<? extends Record> type = switch (event.path("eventType").asString("")) {
            case EventTypes.CASE_OPENED -> CaseOpened.class;
            case EventTypes.CASE_STATUS_CHANGED -> CaseStatusChanged.class;
            case EventTypes.CONTACT_ATTEMPTED -> ContactAttempted.class;
            case EventTypes.ROOT_CAUSE_CODED -> RootCauseCoded.class;
            case EventTypes.INCENTIVE_OFFERED -> IncentiveOffered.class;
            case EventTypes.LOOP_CLOSED -> LoopClosed.class;
            case EventTypes.RESURVEY_REQUESTED -> ResurveyRequested.class;
            case EventTypes.ADVOCACY_TASK_CREATED -> AdvocacyTaskCreated.class;
            default -> null;
        };
        return type == null ? null : mapper.treeToValue(event, type);
    }

    private static <T> List<T> events(List<ConsumedEvent<T>> batch) {
        List<T> events = new ArrayList<>(batch.size());
        batch.forEach(record -> events.add(record.event()));
        return events;
    }
}
