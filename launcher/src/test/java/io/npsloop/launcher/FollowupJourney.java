package io.npsloop.launcher;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The closed loop on the case the detractor journey opened: an agent claims it, logs a failed and
 * a successful call, codes the root cause, offers the incentive the experiment assigns, resolves
 * it and asks for a re-survey; the customer's next answer, a 10, shows on the case as
 * detractor to promoter.
 */
final class FollowupJourney {

    private FollowupJourney() {
    }

    static void run(PipelineClient client, String customerId) throws Exception {
        JsonNode suppressed = client.get(ServiceKind.FOLLOWUP, "/api/v1/suppressions?customerId=" + customerId);
        assertThat(suppressed.toString()).as("an open case keeps the customer off surveys").contains(customerId);

        String caseId = client.get(ServiceKind.FOLLOWUP, "/api/v1/cases?state=OPEN").get(0).path("caseId").asString();
        String cases = "/api/v1/cases/" + caseId;

        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/claim", ""));
        assertThat(client.postAs("grace", ServiceKind.FOLLOWUP, cases + "/claim", "").statusCode())
                .as("a second agent cannot claim a claimed case").isEqualTo(409);
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"note\":\"no answer, try after lunch\"}"));
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\",\"note\":\"apologised for the delay\"}"));
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/root-causes", "{\"categories\":[\"delivery\"]}"));
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/incentive", "{\"accepted\":true}"));
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/resolve", "{\"note\":\"refunded the shipping\"}"));
        ok(client.postAs("ada", ServiceKind.FOLLOWUP, cases + "/resurvey", ""));

        JsonNode worked = client.get(ServiceKind.FOLLOWUP, cases);
        assertThat(worked.path("state").asString()).isEqualTo("RESOLVED");
        assertThat(worked.path("attempts").size()).isEqualTo(2);
        assertThat(worked.path("rootCauses").toString()).contains("delivery");
        assertThat(worked.path("incentive").isMissingNode() || worked.path("incentive").isNull()).isFalse();
        assertThat(worked.path("audit").size()).isGreaterThanOrEqualTo(7);

        HttpResponse<String> promoter = client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses",
                "{\"responseId\":\"r-1002\",\"customerId\":\"" + customerId + "\",\"score\":10,\"comment\":\"Sorted out quickly, thanks\"}");
        assertThat(promoter.statusCode()).isEqualTo(202);

        JsonNode closedLoop = client.awaitGet(ServiceKind.FOLLOWUP, cases, node -> !node.path("answer").isNull() && !node.path("answer").isMissingNode());
        assertThat(closedLoop.path("answer").path("score").asInt()).isEqualTo(10);
        assertThat(closedLoop.path("answer").path("transition").asString()).isEqualTo("DETRACTOR->PROMOTER");
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
