package io.npsloop.ingest.outcomes.web;

import java.time.Clock;

import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.outcomes.OutcomeChecks;
import io.npsloop.ingest.outcomes.OutcomeIntake;
import io.npsloop.ingest.outcomes.OutcomeMetrics;
import io.npsloop.ingest.outcomes.OutcomePublisher;
import io.npsloop.ingest.responses.Pseudonyms;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.SubmissionLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outcomes' intake and check, with the responses' lease, clock and pseudonyms. */
@Configuration(proxyBeanMethods = false)
class OutcomesConfiguration {

    @Bean
    OutcomeChecks outcomeChecks(ResponseChecks responseChecks) {
        return new OutcomeChecks(responseChecks);
    }

    @Bean
    OutcomeIntake outcomeIntake(SubmissionLedger<CustomerOutcomeRecorded> ledger, OutcomePublisher publisher, OutcomeMetrics metrics,
            Pseudonyms pseudonyms, Clock clock, IngestProperties properties) {
        return new OutcomeIntake(ledger, publisher, metrics, pseudonyms, clock, properties.submissionLease());
    }
}
