package io.npsloop.ingest.imports.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import io.npsloop.ingest.apikeys.web.AuthenticatedSource;
import io.npsloop.ingest.imports.CsvImporter;
import io.npsloop.ingest.imports.ImportReport;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/v1/responses/import}: a CSV file as the raw body ({@code text/csv}, streamed from
 * the socket) or as the {@code file} part of a multipart form. Answers 200 with the report once
 * every row has been handled, rejected rows included.
 */
@RestController
@RequestMapping("/api/v1/responses/import")
class ImportController {

    /** Used only if no API key filter named the source (it always does for {@code /api/**}). */

    static final String TEXT_CSV = "text/csv";

    private final CsvImporter importer;

    ImportController(CsvImporter importer) {
        this.importer = importer;
    }

    @PostMapping(consumes = TEXT_CSV, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importBody(HttpServletRequest request) throws IOException {
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        try (Reader reader = new InputStreamReader(request.getInputStream(), charset)) {
            return importer.importCsv(reader, source(request));
        }
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ImportReport importFile(@RequestPart("file") MultipartFile file, HttpServletRequest request) throws IOException {
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            return importer.importCsv(reader, source(request));
        }
    }

    /** Native-layout rows come from the system whose API key sent the file. */
    private static String source(HttpServletRequest request) {
        return AuthenticatedSource.of(request);
    }
}
