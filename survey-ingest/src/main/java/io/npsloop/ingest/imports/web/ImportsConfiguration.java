package io.npsloop.ingest.imports.web;

import java.util.List;

import io.npsloop.ingest.ImportProperties;
import io.npsloop.ingest.imports.CsvImporter;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.imports.ResponseSink;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseIntake;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImportsConfiguration {

    @Bean
    CsvImporter csvImporter(ResponseIntake intake, ResponseChecks checks, ImportProperties properties) {
        return new CsvImporter(new IntakeSink(intake), checks,
                new CsvImporter.ImportLimits(properties.maxListedRejections(), properties.maxRows(),
                        properties.maxRecordChars(), properties.chunkSize()),
                properties.delightedCustomerIdColumn(), properties.delightedAttributeColumns());
    }

    /**
     * The import's way into the intake: chunks through its batched path. Rows carry their own response
     * ids (or get one generated); there is no Idempotency-Key per row.
     */
    private record IntakeSink(ResponseIntake intake) implements ResponseSink {

        @Override
        public IntakeResult accept(String source, NewResponse response) {
            return intake.accept(source, response, null);
        }

        @Override
        public List<IntakeOutcome> acceptAll(String source, List<NewResponse> responses) {
            return intake.acceptAll(source, responses);
        }
    }
}
