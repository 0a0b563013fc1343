package io.npsloop.reporting.overview.messaging;

import java.util.function.Consumer;

import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.reporting.insights.ReadModel;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.reporting.overview.OverviewStore;
import io.npsloop.statistics.NpsTally;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka edge of reporting: figures, scored responses, alerts and case events in, read models updated. Wiring is in reporting-service.yml. */
@Configuration(proxyBeanMethods = false)
class ReportingFunctions {

    static final String DAY_PERIOD = "DAY";

    @Bean
    Consumer<NpsMetricsUpdated> recordMetrics(OverviewStore store) {
        return metrics -> {
            if (DAY_PERIOD.equals(metrics.period())) {
                store.saveDailyFigure(new DailyFigure(metrics.dimension(), metrics.segment(), metrics.to(),
                        new NpsTally(metrics.promoters(), metrics.passives(), metrics.detractors()), metrics.version()));
            }
        };
    }

    /** Keeps the latest revision of every scored response (latestRevisionWins). */
    @Bean
    Consumer<ResponseScored> projectAnswers(ReadModel model) {
        return model::saveAnswer;
    }

    /** Keeps every alert once (alertOnce). */
    @Bean
    Consumer<DetractorAlertRaised> projectAlerts(ReadModel model) {
        return model::saveAlert;
    }

    /**
     * nps.followups.v1 carries several event types; each event names its own in {@code eventType}
     * (the same value as its CloudEvents type header, which the function layer rewrites), which
     * decides the record to read it as. Each is applied once per case sequence (caseEventOnce).
     */
    @Bean
    Consumer<byte[]> trackCases(OverviewStore store, ReadModel model, JsonMapper mapper) {
        return payload -> {
            JsonNode event = mapper.readTree(payload);
            String type = event.path("eventType").asString("");
            if (EventTypes.CASE_OPENED.equals(type)) {
                CaseOpened opened = mapper.treeToValue(event, CaseOpened.class);
                store.caseOpened(opened.caseId(), opened.queue());
                model.caseOpened(opened);
            } else if (EventTypes.CASE_STATUS_CHANGED.equals(type)) {
                CaseStatusChanged changed = mapper.treeToValue(event, CaseStatusChanged.class);
                store.caseStateChanged(changed.caseId(), changed.queue(), changed.sequence(), changed.toState());
                model.caseStatusChanged(changed);
            } else if (EventTypes.CONTACT_ATTEMPTED.equals(type)) {
                model.contactAttempted(mapper.treeToValue(event, ContactAttempted.class));
            } else if (EventTypes.ROOT_CAUSE_CODED.equals(type)) {
                model.rootCauseCoded(mapper.treeToValue(event, RootCauseCoded.class));
            } else if (EventTypes.INCENTIVE_OFFERED.equals(type)) {
                model.incentiveOffered(mapper.treeToValue(event, IncentiveOffered.class));
            } else if (EventTypes.LOOP_CLOSED.equals(type)) {
                model.loopClosed(mapper.treeToValue(event, LoopClosed.class));
            } else if (EventTypes.RESURVEY_REQUESTED.equals(type)) {
                model.resurveyRequested(mapper.treeToValue(event, ResurveyRequested.class));
            } else if (EventTypes.ADVOCACY_TASK_CREATED.equals(type)) {
                model.advocacyTaskCreated(mapper.treeToValue(event, AdvocacyTaskCreated.class));
            }
            // Types added later are ignored until reporting has a use for them: consumers ignore what they do not know.
        };
    }
}
