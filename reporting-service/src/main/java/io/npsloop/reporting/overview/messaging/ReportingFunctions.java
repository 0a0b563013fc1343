package io.npsloop.reporting.overview.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.CloudEventHeaders;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.reporting.overview.DailyFigure;
import io.npsloop.reporting.overview.OverviewStore;
import io.npsloop.statistics.NpsTally;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
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

    /** nps.followups.v1 carries several event types; the CloudEvents type header says which one a record is. */
    @Bean
    Consumer<Message<byte[]>> trackCases(OverviewStore store, JsonMapper mapper) {
        return message -> {
            String type = header(message, CloudEventHeaders.TYPE);
            if (EventTypes.CASE_OPENED.equals(type)) {
                CaseOpened opened = mapper.readValue(message.getPayload(), CaseOpened.class);
                store.caseOpened(opened.caseId(), opened.queue());
            } else if (EventTypes.CASE_STATUS_CHANGED.equals(type)) {
                CaseStatusChanged changed = mapper.readValue(message.getPayload(), CaseStatusChanged.class);
                store.caseStateChanged(changed.caseId(), changed.queue(), changed.sequence(), changed.toState());
            }
            // Other follow-up events do not change the overview.
        };
    }

    private static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? "" : value.toString();
    }
}
