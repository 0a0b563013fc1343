package io.npsloop.launcher;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static io.npsloop.launcher.PipelineClient.n;
import static io.npsloop.launcher.PipelineClient.window;
import static org.assertj.core.api.Assertions.assertThat;

/** The walk every end-to-end variant takes: one detractor from POST to alert, open case and report figure. */
final class DetractorJourney {

    private DetractorJourney() {
    }

    static void run(PipelineClient client) throws Exception {
        HttpResponse<String> accepted = client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", """
                {"responseId":"r-1001","customerId":"c-42","score":2,
                 "comment":"Waited three weeks for my delivery","channel":"email",
                 "contact":{"name":"Ada","email":"ada@example.com"},
                 "attributes":{"region":"EMEA"},
                 "accountValue":{"amount":"1200.00","currency":"EUR"}}
                """);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("responseId").asString()).isEqualTo("r-1001");

        JsonNode alert = client.awaitFirst(ServiceKind.ALERTING, "/api/v1/alerts");
        assertThat(alert.path("responseId").asString()).isEqualTo("r-1001");
        assertThat(alert.path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.path("comment").asString()).isEqualTo("Waited three weeks for my delivery");

        JsonNode openCase = client.awaitFirst(ServiceKind.FOLLOWUP, "/api/v1/cases?state=OPEN");
        assertThat(openCase.path("customerId").asString()).isEqualTo("c-42");
        assertThat(openCase.path("alertId").asString()).isEqualTo(alert.path("alertId").asString());
        assertThat(openCase.path("queue").asString()).isEqualTo("executive");

        JsonNode overview = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview",
                node -> node.path("openCases").asLong() == 1 && n(node, "30d") == 1);
        JsonNode thirtyDays = window(overview, "30d");
        assertThat(thirtyDays.path("detractors").asLong()).isEqualTo(1);
        assertThat(thirtyDays.path("nps").asDouble()).isEqualTo(-100.0);

        JsonNode emea = client.get(ServiceKind.SCORING, "/api/v1/nps?window=30d&dimension=region&value=EMEA");
        assertThat(emea.path("n").asLong()).isEqualTo(1);
    }
}
