package io.npsloop.ingest.imports.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.npsloop.ingest.ImportProperties;
import io.npsloop.ingest.apikeys.web.AuthenticatedSource;
import io.npsloop.ingest.imports.CsvImporter;
import io.npsloop.ingest.imports.CsvRows;
import io.npsloop.ingest.imports.ImportReport;
import io.npsloop.ingest.imports.OutcomeCsvFormat;
import io.npsloop.ingest.outcomes.NewOutcome;
import io.npsloop.ingest.outcomes.OutcomeChecks;
import io.npsloop.ingest.outcomes.OutcomeIntake;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/outcomes/import}: a CSV file of outcomes, as the responses' import takes
 * its files (the raw {@code text/csv} body streamed, or the {@code file} part of a form), with the
 * same limits, chunks, report and problems.
 */
@RestController
@RequestMapping("/api/v1/outcomes/import")
class OutcomeImportController {

    private final CsvRows<NewOutcome> rows;

    OutcomeImportController(OutcomeIntake intake, OutcomeChecks checks, ImportProperties properties) {
        this.rows = new CsvRows<>(new OutcomeCsvFormat(checks),
                (source, outcomes) -> OutcomeIntake.namingConflicts(intake.acceptAll(source, outcomes)), new CsvImporter.ImportLimits(
                properties.maxListedRejections(), properties.maxRows(), properties.maxRecordChars(), properties.chunkSize()));
    }

    @PostMapping(consumes = ImportController.TEXT_CSV, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importBody(HttpServletRequest request) throws IOException {
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(request.getCharacterEncoding());
        try (Reader reader = new InputStreamReader(request.getInputStream(), charset)) {
            return rows.read(reader, AuthenticatedSource.of(request));
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importFile(@RequestPart("file") MultipartFile file, HttpServletRequest request) throws IOException {
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return rows.read(reader, AuthenticatedSource.of(request));
        }
    }
}
