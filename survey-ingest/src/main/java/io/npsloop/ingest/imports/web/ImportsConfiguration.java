package io.npsloop.ingest.imports.web;

import java.time.Clock;

import io.npsloop.ingest.imports.CsvImporter;
import io.npsloop.ingest.imports.ResponseChecks;
import io.npsloop.ingest.responses.ResponseIntake;
import jakarta.validation.Validator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImportsConfiguration {

    @Bean
    ResponseChecks responseChecks(Validator validator, Clock clock) {
        return new ResponseChecks(validator, clock);
    }

    @Bean
    CsvImporter csvImporter(ResponseIntake intake, ResponseChecks checks, ImportProperties properties) {
        // Rows carry their own response ids (or get one generated); there is no Idempotency-Key per row.
        return new CsvImporter((source, response) -> intake.accept(source, response, null), checks,
                new CsvImporter.ImportLimits(properties.maxListedRejections(), properties.maxRows(),
                        properties.maxRecordChars()),
                properties.delightedCustomerIdColumn(), properties.delightedAttributeColumns());
    }
}
