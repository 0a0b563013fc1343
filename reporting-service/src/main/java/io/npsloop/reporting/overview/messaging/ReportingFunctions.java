package io.npsloop.reporting.overview.messaging;

import java.util.function.Consumer;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.reporting.overview.OverviewStore;
import io.npsloop.statistics.NpsTally;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka edge of reporting: figures and case events in, read models updated. Wiring is in reporting-service.yml. */
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

    /**
     * nps.followups.v1 carries several event types; each event names its own in {@code eventType}
     * (the same value as its CloudEvents type header), which decides the record to read it as.
     */
    @Bean
    Consumer<byte[]> trackCases(OverviewStore store, JsonMapper mapper) {
        return payload -> {
            JsonNode event = mapper.readTree(payload);
            String type = event.path("eventType").asString("");
            if (EventTypes.CASE_OPENED.equals(type)) {
                CaseOpened opened = mapper.treeToValue(event, CaseOpened.class);
                store.caseOpened(opened.caseId(), opened.queue());
            } else if (EventTypes.CASE_STATUS_CHANGED.equals(type)) {
                CaseStatusChanged changed = mapper.treeToValue(event, CaseStatusChanged.class);
                store.caseStateChanged(changed.caseId(), changed.queue(), changed.sequence(), changed.toState());
            }
            // Other follow-up events do not change the overview.
        };
    }
}
