package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static io.npsloop.launcher.PipelineClient.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Churn from end to end: answers posted to ingest months ago, cancellations posted as outcomes
 * since, the churn report that links them (the customers who complained about price left far more
 * often), the churn model reporting publishes from it, and an alert rule on that model: a passive
 * who now complains about price is sent to the retention team, which the default rules (detractors
 * only) would never have done.
 */
class ChurnEndToEndTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int PER_GROUP = 20;

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
    void outcomesBecomeChurnFiguresAModelAndAnAlertAboutAPassiveAtRisk() throws Exception {
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        pipeline = LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of(
                "--nps.reporting.churn.minimum-customers=10",
                "--nps.reporting.churn.publish-delay=PT1S",
                "--nps.reporting.churn.publish-interval=PT2S"));
        PipelineClient client = new PipelineClient(pipeline);

        // The model counts the outcomes of the last 3 months; the customers are placed by their
        // answers of the 3 months before that: four months ago is in that window.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusMonths(3).plusDays(1);
        Instant answered = today.minusMonths(4).atTime(10, 0).toInstant(ZoneOffset.UTC);
        Instant cancelled = today.minusDays(10).atTime(9, 0).toInstant(ZoneOffset.UTC);
        List<String> answers = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < PER_GROUP; i++) {
            answers.add(answer("r-price-" + i, "c-price-" + i, 8, "Far too expensive for what it does", answered));
            answers.add(answer("r-fine-" + i, "c-fine-" + i, 8, "Works well enough", answered));
            if (i < 15) {
                outcomes.add(outcome("cancel-price-" + i, "c-price-" + i, "cancelled", cancelled));
            }
            if (i < 1) {
                outcomes.add(outcome("cancel-fine-" + i, "c-fine-" + i, "cancelled", cancelled));
            }
            if (i >= 15) {
                outcomes.add(outcome("renew-fine-" + i, "c-fine-" + i, "renewed", cancelled));
            }
        }
        JsonNode postedAnswers = JSON.readTree(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses/batch",
                "{\"responses\":[" + String.join(",", answers) + "]}").body());
        assertThat(postedAnswers.path("results").findValuesAsString("status")).hasSize(2 * PER_GROUP).containsOnly("accepted");
        JsonNode postedOutcomes = JSON.readTree(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/outcomes/batch",
                "{\"outcomes\":[" + String.join(",", outcomes) + "]}").body());
        assertThat(postedOutcomes.path("accepted").asInt()).isEqualTo(outcomes.size());

        // The churn report: 15 of the 20 who mentioned price cancelled, 1 of the 20 others.
        JsonNode churn = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/churn?from=" + from + "&to=" + today,
                node -> theme(node, "price").path("cancelledWith").asLong() == 15);
        JsonNode price = theme(churn, "price");
        assertThat(price.path("customersWith").asLong()).isEqualTo(PER_GROUP);
        assertThat(price.path("customersWithout").asLong()).isEqualTo(PER_GROUP);
        assertThat(price.path("cancelledWithout").asLong()).isEqualTo(1);
        assertThat(price.path("significant").asBoolean()).isTrue();
        assertThat(price.path("differenceLower").asDouble()).isGreaterThan(0);

        // Reporting publishes the model; alerting keeps it.
        await().atMost(PATIENCE).until(() -> counted(ServiceKind.ALERTING, "nps_churn_models_total", "outcome=\"kept\"") >= 1);

        String rule = """
                {"id":"passive-at-risk","enabled":true,"when":{"categories":["PASSIVE"],"churnThemes":true},
                 "then":{"severity":"HIGH","ownerQueue":"retention","firstContactSla":"PT24H"}}""";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(ServiceKind.ALERTING) + "/api/v1/rules"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + PipelineClient.token("ops-admin", Role.ADMIN))
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses",
                answer("r-at-risk", "c-at-risk", 7, "Fine, but getting expensive", Instant.now())).statusCode()).isEqualTo(202);

        JsonNode opened = client.awaitFirstWith(ServiceKind.FOLLOWUP, "/api/v1/cases", "customerId", "c-at-risk");
        assertThat(opened.path("queue").asString()).isEqualTo("retention");
        assertThat(opened.path("matchedRules").toString()).contains("passive-at-risk");
    }

    private static JsonNode theme(JsonNode churn, String theme) {
        for (JsonNode row : churn.path("byTheme")) {
            if (theme.equals(row.path("theme").asString())) {
                return row;
            }
        }
        return JSON.missingNode();
    }

    private static String answer(String responseId, String customerId, int score, String comment, Instant at) {
        return """
                {"responseId":"%s","customerId":"%s","score":%d,"comment":"%s","channel":"email","respondedAt":"%s"}"""
                .formatted(responseId, customerId, score, comment, at);
    }

    private static String outcome(String outcomeId, String customerId, String outcome, Instant at) {
        return """
                {"outcomeId":"%s","customerId":"%s","outcome":"%s","occurredAt":"%s","value":{"amount":"600.00","currency":"EUR"}}"""
                .formatted(outcomeId, customerId, outcome, at);
    }

    /** The sum of a Prometheus counter's series with the label, as the service's scrape shows it. */
    private double counted(ServiceKind service, String meter, String label) {
        return PipelineClient.HTTP_TEXT.apply(pipeline.url(service) + "/actuator/prometheus").lines()
                .filter(line -> line.startsWith(meter + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
