package io.npsloop.reporting.reports.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.platform.web.InvalidRequestException;
import io.npsloop.reporting.reports.Export;
import io.npsloop.reporting.reports.Facts;
import io.npsloop.reporting.reports.Parameters;
import io.npsloop.reporting.reports.Report;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The analysts' views, every one through one handler: the report named by the path reads its
 * parameters, computes, and is answered as JSON, or as files when asked with {@code Accept: text/csv}
 * or {@code ?format=csv} (CSV; the monthly report's bundle as a zip, also on {@code Accept:
 * application/zip} or {@code ?format=zip}). Bad parameters are answered with a problem naming each.
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final Map<String, Report<?, ?>> reports = new HashMap<>();
    private final Facts facts;

    ReportsController(List<Report<?, ?>> reports, Facts facts) {
        for (Report<?, ?> report : reports) {
            Report<?, ?> other = this.reports.put(report.path(), report);
            if (other != null) {
                throw new IllegalStateException(report.getClass().getName() + " and " + other.getClass().getName()
                        + " both answer " + report.path());
            }
        }
        this.facts = facts;
    }

    @GetMapping("/{path}")
    ResponseEntity<?> report(@PathVariable String path, @RequestParam MultiValueMap<String, String> parameters,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept)
            throws NoResourceFoundException {
        Report<?, ?> report = reports.get(path);
        if (report == null) {
            throw new NoResourceFoundException(HttpMethod.GET, "/api/v1/reports/" + path, "api/v1/reports/" + path);
        }
        Map<String, String> values = new LinkedHashMap<>();
        // A parameter given twice reads as its values joined by commas, as a bound String parameter would.
        parameters.forEach((name, given) -> values.put(name, String.join(",", given)));
        return answer(report, new Parameters(values, facts.today()), accept);
    }

    private static <Q, V> ResponseEntity<?> answer(Report<Q, V> report, Parameters parameters, @Nullable String accept) {
        Q query = report.query(parameters);
        String format = parameters.get("format");
        List<FieldProblem> problems = new ArrayList<>(parameters.problems());
        if (format != null && !report.formats().contains(format)) {
            problems.add(new FieldProblem("format", "must be " + Parameters.oneOf(report.formats())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        V view = report.compute(query);
        boolean files = !"json".equals(format) && (format != null || accept != null && (accept.contains("text/csv")
                || report.formats().contains("zip") && accept.contains("application/zip")));
        if (!files) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(view);
        }
        Export export = report.export(query, view);
        if (export instanceof Export.Bundle bundle) {
            return ResponseEntity.ok().contentType(ZIP)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + bundle.fileName() + "\"")
                    .body(zip(bundle));
        }
        return ResponseEntity.ok().contentType(TEXT_CSV).body(CsvTables.write((Export.Table) export));
    }

    private static byte[] zip(Export.Bundle bundle) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Export.Table> file : bundle.files().entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(CsvTables.write(file.getValue()).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
