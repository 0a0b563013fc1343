package io.npsloop.reporting.insights.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.npsloop.platform.web.FieldProblem;
import io.npsloop.platform.web.InvalidRequestException;
import io.npsloop.reporting.insights.Granularity;
import io.npsloop.reporting.insights.Reports;
import io.npsloop.reporting.insights.Views;
import io.npsloop.reporting.overview.Overview;
import io.npsloop.reporting.overview.OverviewQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The analysts' views. Every list endpoint answers JSON, or CSV when asked with
 * {@code Accept: text/csv} or {@code ?format=csv}. Ranges are inclusive ISO days and default to the
 * last 90 days; bad parameters are answered with a problem naming each of them.
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportsController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType ZIP = MediaType.parseMediaType("application/zip");
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3660;

    private final Reports reports;
    private final OverviewQuery overview;

    ReportsController(Reports reports, OverviewQuery overview) {
        this.reports = reports;
        this.overview = overview;
    }

    /** The headline view; its CSV has one row per window. */
    @GetMapping("/overview")
    ResponseEntity<?> overview(@RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        checkFormat(format, problems);
        reject(problems);
        Overview o = overview.overview();
        return answer(format, accept, o, Overview.WindowFigure.class, o.nps());
    }

    @GetMapping("/trend")
    ResponseEntity<?> trend(@RequestParam(required = false) @Nullable String granularity,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String dimension, @RequestParam(required = false) @Nullable String segment,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        Granularity g = granularity(granularity, problems);
        LocalDate[] range = range(from, to, problems);
        if ((dimension == null) != (segment == null)) {
            problems.add(new FieldProblem(dimension == null ? "dimension" : "segment", "dimension and segment go together"));
        } else if (dimension != null && !reports.dimensions().contains(dimension)) {
            // The projection keeps every attribute a source sent, which may include contact data: only the
            // configured dimensions are reportable, or a trend by any attribute would single out a customer.
            problems.add(new FieldProblem("dimension", "must be one of the configured dimensions: "
                    + String.join(", ", reports.dimensions())));
        }
        checkFormat(format, problems);
        reject(problems);
        List<Views.TrendPoint> points = reports.trend(g, range[0], range[1], dimension, segment);
        return answer(format, accept, points, Views.TrendPoint.class, points);
    }

    @GetMapping("/distribution")
    ResponseEntity<?> distribution(ListQuery query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate[] range = validRange(query.from(), query.to(), query.format());
        String format = query.format();
        Views.Distribution d = reports.distribution(range[0], range[1]);
        return answer(format, accept, d, Views.ScoreCount.class, d.scores());
    }

    @GetMapping("/segments")
    ResponseEntity<?> segments(ListQuery query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate[] range = validRange(query.from(), query.to(), query.format());
        String format = query.format();
        Views.SegmentReport report = reports.segments(range[0], range[1]);
        return answer(format, accept, report, Views.SegmentFigure.class, report.segments());
    }

    @GetMapping("/followup")
    ResponseEntity<?> followup(ListQuery query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate[] range = validRange(query.from(), query.to(), query.format());
        String format = query.format();
        Views.FollowupReport report = reports.followup(range[0], range[1]);
        return answer(format, accept, report, Views.FunnelRow.class, funnelRows(report));
    }

    @GetMapping("/root-causes")
    ResponseEntity<?> rootCauses(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @RequestParam(required = false) @Nullable String view,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate[] range = range(from, to, problems);
        String v = view == null ? "category" : view;
        if (!List.of("category", "segment", "month").contains(v)) {
            problems.add(new FieldProblem("view", "must be category, segment or month"));
        }
        checkFormat(format, problems);
        reject(problems);
        Views.RootCauseReport report = reports.rootCauses(range[0], range[1]);
        if ("segment".equals(v)) {
            return answer(format, accept, report, Views.SegmentCause.class, report.bySegment());
        }
        if ("month".equals(v)) {
            return answer(format, accept, report, Views.MonthCause.class, report.byMonth());
        }
        return answer(format, accept, report, Views.ParetoRow.class, report.byCategory());
    }

    @GetMapping("/experiments")
    ResponseEntity<?> experiments(ListQuery query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate[] range = validRange(query.from(), query.to(), query.format());
        String format = query.format();
        Views.ExperimentReport report = reports.experiments(range[0], range[1]);
        return answer(format, accept, report, Views.ExperimentArm.class, report.arms());
    }

    @GetMapping("/revenue-at-risk")
    ResponseEntity<?> revenueAtRisk(ListQuery query,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        LocalDate[] range = validRange(query.from(), query.to(), query.format());
        String format = query.format();
        Views.RevenueReport report = reports.revenueAtRisk(range[0], range[1]);
        return answer(format, accept, report, Views.RevenueRow.class, revenueRows(report));
    }

    @GetMapping("/themes")
    ResponseEntity<?> themes(@RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        YearMonth m = month(month, problems);
        checkFormat(format, problems);
        reject(problems);
        Views.ThemeReport report = reports.themes(m);
        List<Views.ThemeFigure> rows = new ArrayList<>(report.current());
        rows.addAll(report.previous());
        return answer(format, accept, report, Views.ThemeFigure.class, rows);
    }

    /** The monthly management report: JSON, or a zip of one CSV per section ({@code ?format=zip} or {@code Accept: application/zip}). */
    @GetMapping("/monthly")
    ResponseEntity<?> monthly(@RequestParam(required = false) @Nullable String month,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        List<FieldProblem> problems = new ArrayList<>();
        YearMonth m = month(month, problems);
        if (format != null && !List.of("json", "zip", "csv").contains(format)) {
            problems.add(new FieldProblem("format", "must be json, csv or zip"));
        }
        reject(problems);
        Views.MonthlyReport report = reports.monthly(m);
        boolean zip = "zip".equals(format) || "csv".equals(format)
                || (format == null && accept != null && (accept.contains("application/zip") || accept.contains("text/csv")));
        if (!zip) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"nps-report-" + m + ".zip\"")
                .body(zip(bundle(report)));
    }

    static Map<String, String> bundle(Views.MonthlyReport r) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("nps.csv", CsvTables.write(Views.Figure.class, List.of(r.nps())));
        files.put("distribution.csv", CsvTables.write(Views.ScoreCount.class, r.distribution().scores()));
        files.put("weekly-trend.csv", CsvTables.write(Views.TrendPoint.class, r.weeklyTrend()));
        files.put("segments.csv", CsvTables.write(Views.SegmentFigure.class, r.segments().segments()));
        files.put("followup.csv", CsvTables.write(Views.FunnelRow.class, funnelRows(r.followup())));
        files.put("root-causes.csv", CsvTables.write(Views.ParetoRow.class, r.rootCauses().byCategory()));
        files.put("root-causes-by-segment.csv", CsvTables.write(Views.SegmentCause.class, r.rootCauses().bySegment()));
        files.put("root-causes-by-month.csv", CsvTables.write(Views.MonthCause.class, r.rootCauses().byMonth()));
        files.put("experiments.csv", CsvTables.write(Views.ExperimentArm.class, r.experiments().arms()));
        files.put("revenue-at-risk.csv", CsvTables.write(Views.RevenueRow.class, revenueRows(r.revenueAtRisk())));
        List<Views.ThemeFigure> themes = new ArrayList<>(r.themes().current());
        themes.addAll(r.themes().previous());
        files.put("themes.csv", CsvTables.write(Views.ThemeFigure.class, themes));
        return files;
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Views.FunnelRow> funnelRows(Views.FollowupReport report) {
        List<Views.FunnelRow> rows = new ArrayList<>();
        rows.add(report.total());
        rows.addAll(report.byTeam());
        rows.addAll(report.byOwner());
        return rows;
    }

    static List<Views.RevenueRow> revenueRows(Views.RevenueReport report) {
        List<Views.RevenueRow> rows = new ArrayList<>(report.total());
        rows.addAll(report.bySegment());
        return rows;
    }

    /**
     * The query parameters every list view takes: an inclusive day range ({@code from}, {@code to},
     * ISO dates) and an optional {@code format=csv}; bound from the query string.
     */
    record ListQuery(@Nullable String from, @Nullable String to, @Nullable String format) {
    }

    private static ResponseEntity<?> answer(@Nullable String format, @Nullable String accept, Object json,
            Class<? extends Record> rowType, List<? extends Record> rows) {
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"));
        if (csv) {
            return csv(rowType, rows);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    private static ResponseEntity<String> csv(Class<? extends Record> rowType, List<? extends Record> rows) {
        return ResponseEntity.ok().contentType(TEXT_CSV).body(CsvTables.write(rowType, rows));
    }

    private LocalDate[] validRange(@Nullable String from, @Nullable String to, @Nullable String format) {
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate[] range = range(from, to, problems);
        checkFormat(format, problems);
        reject(problems);
        return range;
    }

    private LocalDate[] range(@Nullable String from, @Nullable String to, List<FieldProblem> problems) {
        LocalDate end = date("to", to, problems);
        LocalDate last = end == null ? reports.today() : end;
        LocalDate start = date("from", from, problems);
        LocalDate first = start == null ? last.minusDays(DEFAULT_DAYS - 1L) : start;
        if (first.isAfter(last)) {
            problems.add(new FieldProblem("from", "must not be after to"));
        } else if (first.plusDays(MAX_DAYS).isBefore(last)) {
            problems.add(new FieldProblem("from", "the range may span at most " + MAX_DAYS + " days"));
        }
        return new LocalDate[] {first, last};
    }

    private static @Nullable LocalDate date(String field, @Nullable String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO date such as 2026-10-31"));
            return null;
        }
    }

    private YearMonth month(@Nullable String value, List<FieldProblem> problems) {
        if (value == null) {
            return YearMonth.from(reports.today());
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("month", "must be a month such as 2026-10"));
            return YearMonth.from(reports.today());
        }
    }

    private static Granularity granularity(@Nullable String value, List<FieldProblem> problems) {
        if (value == null) {
            return Granularity.DAY;
        }
        try {
            return Granularity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("granularity", "must be day, week or month"));
            return Granularity.DAY;
        }
    }

    private static void checkFormat(@Nullable String format, List<FieldProblem> problems) {
        if (format != null && !List.of("json", "csv").contains(format)) {
            problems.add(new FieldProblem("format", "must be json or csv"));
        }
    }

    private static void reject(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
