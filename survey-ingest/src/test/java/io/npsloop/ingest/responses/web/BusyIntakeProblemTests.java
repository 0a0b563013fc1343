package io.npsloop.ingest.responses.web;

import java.time.Duration;
import java.util.Map;

import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.responses.IntakeBusyException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** A single submission refused before the intake (queue full, stopping) is a 503 problem with Retry-After. */
class BusyIntakeProblemTests {

    @Test
    void aRefusedSubmissionIsA503ProblemWithTheConfiguredRetryAfter() {
        IngestProperties properties = bind(Map.of("nps.ingest.retry-after", "7s"));

        ResponseEntity<ProblemDetail> answer = new IngestProblemsAdvice(properties)
                .busy(new IntakeBusyException("Too many responses are waiting to be accepted"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getDetail()).isEqualTo("Too many responses are waiting to be accepted");
    }

    @Test
    void groupingSettingsHaveTheDocumentedDefaultsAndCanBeChanged() {
        IngestProperties defaults = bind(Map.of());
        assertThat(defaults.singleLinger()).isEqualTo(Duration.ofMillis(2));
        assertThat(defaults.singleMaxGroup()).isEqualTo(200);
        assertThat(defaults.singleQueueCapacity()).isEqualTo(1000);
        assertThat(defaults.singleGroupsInFlight()).isEqualTo(4);

        IngestProperties changed = bind(Map.of("nps.ingest.single-linger", "0", "nps.ingest.single-max-group", "50",
                "nps.ingest.single-queue-capacity", "10", "nps.ingest.single-groups-in-flight", "1"));
        assertThat(changed.singleLinger()).isZero();
        assertThat(changed.singleMaxGroup()).isEqualTo(50);
        assertThat(changed.singleQueueCapacity()).isEqualTo(10);
        assertThat(changed.singleGroupsInFlight()).isEqualTo(1);
    }

    private static IngestProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("nps.ingest", IngestProperties.class);
    }
}
