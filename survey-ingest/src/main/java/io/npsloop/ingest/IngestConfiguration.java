package io.npsloop.ingest;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.IntakeMetrics;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseIntake;
import io.npsloop.ingest.responses.ResponsePublisher;
import io.npsloop.ingest.responses.SubmissionGrouping;
import io.npsloop.ingest.responses.SubmissionLedger;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one check of a submitted response, shared by the API, the CSV import and the webhooks. */
    @Bean
    ResponseChecks responseChecks(Validator validator, Clock clock) {
        return new ResponseChecks(validator, clock);
    }

    @Bean
    ResponseIntake responseIntake(SubmissionLedger<ResponseSubmitted> ledger, ResponsePublisher publisher, IntakeMetrics metrics, Pseudonyms pseudonyms,
            Clock clock, IngestProperties properties) {
        return new ResponseIntake(ledger, publisher, metrics, pseudonyms, clock, properties.submissionLease());
    }

    /**
     * Single submissions grouped for the intake. Closed (its queue drained) before the intake's
     * publisher and ledger, which it depends on; the web server's graceful shutdown has let the
     * requests in flight finish before that.
     */
    @Bean
    SubmissionGrouping singleSubmissions(ResponseIntake intake, IntakeMetrics metrics, IngestProperties properties,
            MeterRegistry registry) {
        SubmissionGrouping grouping = new SubmissionGrouping(intake, metrics, new SubmissionGrouping.Settings(
                properties.singleLinger(), properties.singleMaxGroup(), properties.singleQueueCapacity(),
                properties.singleGroupsInFlight(), properties.submissionLease()));
        Gauge.builder("nps.ingest.single.waiting", grouping, SubmissionGrouping::waiting)
                .description("Single submissions queued for the next group")
                .register(registry);
        return grouping;
    }

    /** A fixed server and description keep the checked-in document independent of who asked for it. */
    @Bean
    OpenAPI ingestOpenApi() {
        return new OpenAPI()
                .info(new Info().title("NPS Loop survey-ingest")
                        .description("The front door of NPS Loop: source systems submit survey responses here.")
                        .version("v1")
                        .license(new License().name("Apache-2.0")))
                .addServersItem(new Server().url("http://localhost:8081").description("local run"))
                .components(new Components().addSecuritySchemes("apiKey", new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")));
    }
}
