package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All five services against one real Kafka broker and one wire-compatible store, as the local run
 * starts them: a detractor posted to ingest becomes an alert, an open case in the agents' queue
 * and a figure in the report, and all of it is still there after a full restart.
 */
class PipelineEndToEndTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void detractorTravelsFromPostToAnOpenCaseAndAReportFigureAndSurvivesARestart() throws Exception {
        pipeline = start();

        HttpResponse<String> accepted = post(pipeline.url(ServiceKind.SURVEY_INGEST) + "/api/v1/responses", """
                {"responseId":"r-1001","customerId":"c-42","score":2,
                 "comment":"Waited three weeks for my delivery","channel":"email",
                 "contact":{"name":"Ada","email":"ada@example.com"},
                 "attributes":{"region":"EMEA"},
                 "accountValue":{"amount":"1200.00","currency":"EUR"}}
                """);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("responseId").asString()).isEqualTo("r-1001");

        JsonNode alert = await().atMost(Duration.ofSeconds(60)).until(
                () -> firstOf(get(pipeline.url(ServiceKind.ALERTING) + "/api/v1/alerts")), node -> node != null);
        assertThat(alert.path("responseId").asString()).isEqualTo("r-1001");
        assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.path("comment").asString()).isEqualTo("Waited three weeks for my delivery");

        JsonNode openCase = await().atMost(Duration.ofSeconds(60)).until(
                () -> firstOf(get(pipeline.url(ServiceKind.FOLLOWUP) + "/api/v1/cases?state=OPEN")), node -> node != null);
        assertThat(openCase.path("customerId").asString()).isEqualTo("c-42");
        assertThat(openCase.path("alertId").asString()).isEqualTo(alert.path("alertId").asString());
        assertThat(openCase.path("queue").asString()).isEqualTo("executive");

        JsonNode overview = awaitOverview(node -> node.path("openCases").asLong() == 1 && n30(node) == 1);
        JsonNode thirtyDays = window(overview, "30d");
        assertThat(thirtyDays.path("detractors").asLong()).isEqualTo(1);
        assertThat(thirtyDays.path("nps").asDouble()).isEqualTo(-100.0);

        JsonNode scoring = JSON.readTree(get(pipeline.url(ServiceKind.SCORING) + "/api/v1/nps?window=30d&dimension=region&value=EMEA").body());
        assertThat(scoring.path("n").asLong()).isEqualTo(1);

        pipeline.close();
        pipeline = start();

        JsonNode afterRestart = JSON.readTree(get(pipeline.url(ServiceKind.REPORTING) + "/api/v1/reports/overview").body());
        assertThat(afterRestart.path("openCases").asLong()).isEqualTo(1);
        assertThat(n30(afterRestart)).isEqualTo(1);
        JsonNode cases = JSON.readTree(get(pipeline.url(ServiceKind.FOLLOWUP) + "/api/v1/cases").body());
        assertThat(cases.size()).isEqualTo(1);

        HttpResponse<String> promoter = post(pipeline.url(ServiceKind.SURVEY_INGEST) + "/api/v1/responses",
                "{\"responseId\":\"r-1002\",\"customerId\":\"c-7\",\"score\":10,\"channel\":\"web\"}");
        assertThat(promoter.statusCode()).isEqualTo(202);
        JsonNode both = awaitOverview(node -> n30(node) == 2);
        assertThat(window(both, "30d").path("nps").asDouble()).isEqualTo(0.0);
        assertThat(both.path("openCases").asLong()).isEqualTo(1);
    }

    private LocalPipeline start() {
        Map<ServiceKind, Integer> randomPorts = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            randomPorts.put(kind, 0);
        }
        return LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of());
    }

    private JsonNode awaitOverview(java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(60)).until(
                () -> JSON.readTree(get(pipeline.url(ServiceKind.REPORTING) + "/api/v1/reports/overview").body()), condition);
    }

    private static long n30(JsonNode overview) {
        return window(overview, "30d").path("n").asLong();
    }

    private static JsonNode window(JsonNode overview, String window) {
        for (JsonNode figure : overview.path("nps")) {
            if (window.equals(figure.path("window").asString())) {
                return figure;
            }
        }
        throw new AssertionError("No " + window + " figure in " + overview);
    }

    private static JsonNode firstOf(HttpResponse<String> response) {
        JsonNode list = JSON.readTree(response.body());
        return list.isArray() && !list.isEmpty() ? list.get(0) : null;
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
