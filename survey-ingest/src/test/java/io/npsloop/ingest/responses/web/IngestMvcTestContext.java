package io.npsloop.ingest.responses.web;

import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.ingest.responses.InMemorySubmissionLedger;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.ingest.responses.RecordingPublisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole application over MockMvc with the ledger, the record of erased customers and the
 * broker replaced by in-memory stand-ins, so the HTTP edge is tested without a database or a
 * broker (the binder is pointed at a closed port and gives its bindings up after one attempt, see
 * OneMetadataAttempt). Subclasses share one context. Keys: {@code test-key} (both scopes),
 * {@code import-key} (import only), {@code slow-key} (2 requests per hour), {@code writer-key}
 * (write only).
 */
@SpringBootTest(properties = {
        "spring.config.name=nps-platform,survey-ingest",
        "nps.ingest.api-keys[0].name=test",
        "nps.ingest.api-keys[0].source=test-source",
        "nps.ingest.api-keys[0].sha256=62af8704764faf8ea82fc61ce9c4c3908b6cb97d463a634e9e587d7c885db0ef",
        "nps.ingest.api-keys[1].name=importer",
        "nps.ingest.api-keys[1].source=importer",
        "nps.ingest.api-keys[1].sha256=fb4671ceebc8e253a2370779fbe0829d941d5e8b2e6e9b419867e330df9b4820",
        "nps.ingest.api-keys[1].scopes=responses:import",
        "nps.ingest.api-keys[2].name=slow",
        "nps.ingest.api-keys[2].source=slow",
        "nps.ingest.api-keys[2].sha256=6fa0d18ad9d40c2e55ddba9c9110a429590843f1c7096d894e1f3aa68c420cee",
        "nps.ingest.api-keys[2].rate-limit.permits=2",
        "nps.ingest.api-keys[2].rate-limit.period=1h",
        "nps.ingest.api-keys[3].name=writer",
        "nps.ingest.api-keys[3].source=writer",
        "nps.ingest.api-keys[3].sha256=3aec1946afb01344ae0065f3b123820a2144e455c13e5816dbd439e6634f7f26",
        "nps.ingest.api-keys[3].scopes=responses:write",
        "nps.ingest.limits.max-body-size=64KB",
        "nps.ingest.limits.max-batch-items=5",
        // The suite sends hundreds of requests a second on a quiet machine: only the "slow" key is
        // meant to reach its limit.
        "nps.ingest.rate-limit.permits=1000000",
        // No broker: the publisher is replaced, and the bindings give up at once instead of retrying for minutes.
        "spring.kafka.bootstrap-servers=localhost:1",
        "spring.cloud.stream.kafka.binder.auto-create-topics=false",
        "spring.cloud.stream.kafka.binder.configuration.default.api.timeout.ms=1000",
        "spring.cloud.stream.binders.kafka.type=kafka",
        "spring.cloud.stream.binders.kafka.environment.spring.main.sources=io.npsloop.ingest.support.OneMetadataAttempt"})
@AutoConfigureMockMvc
@Import(IngestMvcTestContext.InMemoryEdges.class)
abstract class IngestMvcTestContext {

    static final String KEY = "test-key";

    @Autowired
    MockMvc mvc;

    @Autowired
    InMemorySubmissionLedger<ResponseSubmitted> ledger;

    @Autowired
    RecordingPublisher publisher;

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryEdges {

        @Bean
        @Primary
        InMemorySubmissionLedger<ResponseSubmitted> inMemoryLedger() {
            return new InMemorySubmissionLedger<>();
        }

        @Bean
        @Primary
        RecordingPublisher recordingPublisher() {
            return new RecordingPublisher();
        }

        @Bean
        @Primary
        Pseudonyms nobodyErased() {
            return Pseudonyms.NONE;
        }
    }
}
