package io.npsloop.launcher;

import java.util.function.Supplier;

import io.npsloop.alerting.AlertingServiceApplication;
import io.npsloop.followup.FollowupServiceApplication;
import io.npsloop.ingest.SurveyIngestApplication;
import io.npsloop.reporting.ReportingServiceApplication;
import io.npsloop.scoring.ScoringServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The five services, each with its fixed local port. */
public enum ServiceKind {
    SURVEY_INGEST(SurveyIngestApplication.NAME, 8081, SurveyIngestApplication::builder),
    SCORING(ScoringServiceApplication.NAME, 8082, ScoringServiceApplication::builder),
    ALERTING(AlertingServiceApplication.NAME, 8083, AlertingServiceApplication::builder),
    FOLLOWUP(FollowupServiceApplication.NAME, 8084, FollowupServiceApplication::builder),
    REPORTING(ReportingServiceApplication.NAME, 8085, ReportingServiceApplication::builder);

    private final String serviceName;
    private final int defaultPort;
    private final Supplier<SpringApplicationBuilder> builder;

    ServiceKind(String serviceName, int defaultPort, Supplier<SpringApplicationBuilder> builder) {
        this.serviceName = serviceName;
        this.defaultPort = defaultPort;
        this.builder = builder;
    }

    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    SpringApplicationBuilder builder() {
        return builder.get();
    }
}
