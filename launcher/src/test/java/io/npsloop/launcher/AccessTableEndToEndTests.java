package io.npsloop.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import io.npsloop.reporting.reports.Report;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's access table, walked against the five running services: every endpoint with no
 * credentials, a source system's API key, and a token of each role. An allowed cell must not be
 * refused (any answer but 401 and 403: a 400 for the empty body or a 404 for the made-up id is
 * fine), a refused cell must be 401 or 403, and no credentials on a closed endpoint must be 401.
 * The table must also name every endpoint the services have, and nothing they do not have. And
 * every service refuses, on every endpoint that takes a token, one without {@code exp} or valid
 * for longer than the maximum lifetime (401).
 */
class AccessTableEndToEndTests {

    private static final String BEGIN = "<!-- access-table:begin -->";
    private static final String END = "<!-- access-table:end -->";
    private static final List<String> COLUMNS = List.of("anyone", "source key", "agent", "lead", "analyst", "admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;

    private static LocalPipeline pipeline;

    record Row(String service, String method, String path, Map<String, String> cells) {
    }

    @BeforeAll
    static void start() {
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        // One survey tool enabled, so its webhook row is checked against a real signature check.
        pipeline = LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of("--nps.ingest.webhooks.typeform.enabled=true",
                "--nps.ingest.webhooks.typeform.secret=walker-signing-secret", "--nps.ingest.webhooks.typeform.nps-question=nps_score"));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyCellOfTheTableIsWhatTheServicesDo() throws Exception {
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThan(50);
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : rows) {
            for (String column : COLUMNS) {
                String cell = row.cells().get(column);
                HttpResponse<String> response = call(row, column);
                int status = response.statusCode();
                boolean refused = status == 401 || status == 403;
                cells++;
                String where = row.method() + " " + row.path() + " on " + row.service() + " as " + column + ": " + status;
                if (cell.equals("✓") && refused) {
                    wrong.add(where + " but the table allows it");
                } else if (!cell.equals("✓") && !refused) {
                    wrong.add(where + " but the table refuses it (" + abbreviate(response.body()) + ")");
                } else if (column.equals("anyone") && !cell.equals("✓") && status != 401) {
                    wrong.add(where + ", expected 401 without credentials");
                }
            }
        }
        System.out.printf("Access table: %d endpoints x %d columns = %d cells checked, %d wrong%n",
                rows.size(), COLUMNS.size(), cells, wrong.size());
        assertThat(wrong).as("cells where the services disagree with the README").isEmpty();
    }

    @Test
    void theTableNamesEveryEndpointOfEveryServiceAndNoOther() throws IOException {
        Set<String> documented = new TreeSet<>();
        table().forEach(row -> documented.add(row.service() + " " + row.method() + " " + row.path()));
        Set<String> served = new TreeSet<>();
        for (ServiceKind kind : ServiceKind.values()) {
            RequestMappingHandlerMapping mapping = pipeline.context(kind)
                    .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/error")) {
                        continue;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    assertThat(methods).as(kind + " " + pattern + " must name its HTTP method").isNotEmpty();
                    // reporting's one handler serves every report at its path: each report is an endpoint.
                    List<String> paths = pattern.equals(REPORTS) ? reportPaths() : List.of(pattern);
                    methods.forEach(method -> paths.forEach(path -> served.add(kind.serviceName() + " " + method + " " + path)));
                }
            }
        }
        assertThat(documented).as("the README's access table").containsExactlyInAnyOrderElementsOf(served);
    }

    private static final String REPORTS = "/api/v1/reports/{path}";

    /** The path of every report the reporting service has, as its one handler serves them. */
    private static List<String> reportPaths() {
        List<String> paths = new ArrayList<>();
        pipeline.context(ServiceKind.REPORTING).getBeansOfType(Report.class).values()
                .forEach(report -> paths.add("/api/v1/reports/" + report.path()));
        assertThat(paths).as("reports served by " + REPORTS).isNotEmpty();
        return paths;
    }

    @Test
    void everyServiceRefusesATokenWithoutExpiryOrValidForLongerThanTheMaximumLifetime() throws Exception {
        List<String> wrong = new ArrayList<>();
        Set<String> services = new TreeSet<>();
        int calls = 0;
        for (Row row : table()) {
            if (row.cells().get("anyone").equals("✓")) {
                continue;
            }
            // A role the table allows, so that only the token's lifetime can refuse the call.
            String column = COLUMNS.subList(2, COLUMNS.size()).stream().filter(c -> row.cells().get(c).equals("✓")).findFirst().orElse(null);
            if (column == null) {
                continue;
            }
            Role role = Role.fromClaim(column).orElseThrow();
            Instant now = Instant.now();
            Map<String, Object> noExpiry = PipelineClient.ISSUER.claims("walker-" + column, List.of(column), List.of("*"),
                    DevIssuer.ISSUER, DevIssuer.AUDIENCE, now, Duration.ofHours(1));
            noExpiry.remove("exp");
            Map<String, String> flawed = Map.of(
                    "no exp", PipelineClient.ISSUER.sign(noExpiry),
                    "valid 25 hours", PipelineClient.ISSUER.token("walker-" + column, List.of(column), List.of("*"), DevIssuer.ISSUER,
                            DevIssuer.AUDIENCE, now, Duration.ofHours(25)));
            for (Map.Entry<String, String> token : flawed.entrySet()) {
                HttpResponse<String> response = send(row, "Bearer " + token.getValue(), null);
                calls++;
                services.add(row.service());
                if (response.statusCode() != 401) {
                    wrong.add(row.method() + " " + row.path() + " on " + row.service() + " as " + role + " with a token of "
                            + token.getKey() + ": " + response.statusCode() + " (" + abbreviate(response.body()) + ")");
                }
            }
        }
        assertThat(services).as("every service is asked").hasSize(ServiceKind.values().length);
        assertThat(calls).isGreaterThan(100);
        assertThat(wrong).as("endpoints that took a token without expiry or valid too long").isEmpty();
    }

    private static HttpResponse<String> call(Row row, String column) throws Exception {
        return switch (column) {
            case "anyone" -> send(row, null, null);
            case "source key" -> send(row, null, PipelineClient.DEV_API_KEY);
            default -> send(row, "Bearer " + PipelineClient.token("walker-" + column, Role.fromClaim(column).orElseThrow()), null);
        };
    }

    private static HttpResponse<String> send(Row row, @Nullable String authorization, @Nullable String apiKey) throws Exception {
        ServiceKind kind = kind(row.service());
        String path = row.path().replace("{provider}", "typeform").replaceAll("\\{[^}]+}", "no-such-id");
        boolean hasBody = row.method().equals("POST") || row.method().equals("PUT");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pipeline.url(kind) + path))
                .timeout(Duration.ofSeconds(30))
                .method(row.method(), hasBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (hasBody) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ServiceKind kind(String service) {
        for (ServiceKind kind : ServiceKind.values()) {
            if (kind.serviceName().equals(service)) {
                return kind;
            }
        }
        throw new AssertionError("The access table names an unknown service: " + service);
    }

    /** The rows between the table markers of the README at the repository root. */
    static List<Row> table() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("access table markers in README.md").isNotNegative();
        List<Row> rows = new ArrayList<>();
        List<String> lines = readme.substring(begin + BEGIN.length(), end).strip().lines().toList();
        List<String> header = cells(lines.get(0));
        assertThat(header.subList(3, header.size())).isEqualTo(COLUMNS);
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> byColumn = new java.util.LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size(); i++) {
                byColumn.put(COLUMNS.get(i), cells.get(3 + i));
            }
            rows.add(new Row(cells.get(0), cells.get(1), cells.get(2), byColumn));
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }
}
