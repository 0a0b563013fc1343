package io.npsloop.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.n;
import static io.npsloop.launcher.PipelineClient.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All five services against one real Kafka broker and one wire-compatible store, as the local run
 * starts them: a detractor posted to ingest becomes an alert (delivered, signed, to a real webhook
 * receiver), an open case in the agents' queue
 * and a figure in the report, and all of it is still there after a full restart; then an agent
 * works the case to resolution and the customer's next answer closes the loop.
 */
class PipelineEndToEndTests {

    @TempDir
    Path dataDir;

    /** The signing secret of the alert webhook, in the Standard Webhooks form. */
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "nps-loop-end-to-end-webhook-secret".getBytes(StandardCharsets.UTF_8));

    private final WebhookReceiver receiver = new WebhookReceiver();
    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        receiver.close();
    }

    @Test
    void detractorTravelsFromPostToAnOpenCaseAndAReportFigureAndSurvivesARestart() throws Exception {
        pipeline = start();
        DetractorJourney.run(new PipelineClient(pipeline));

        WebhookReceiver.Delivery delivery = await().atMost(PipelineClient.PATIENCE).until(
                () -> receiver.deliveries().stream().filter(d -> d.body().contains("\"r-1001\"")).findFirst(), Optional::isPresent).get();
        assertThat(delivery.body()).contains("Waited three weeks for my delivery");
        assertThat(delivery.headers().get("webhook-signature"))
                .as("Standard Webhooks signature over id.timestamp.body")
                .contains("v1," + sign(delivery.headers().get("webhook-id") + "." + delivery.headers().get("webhook-timestamp") + "." + delivery.body()));

        pipeline.close();
        pipeline = start();
        PipelineClient client = new PipelineClient(pipeline);

        JsonNode afterRestart = client.get(ServiceKind.REPORTING, "/api/v1/reports/overview");
        assertThat(afterRestart.path("openCases").asLong()).isEqualTo(1);
        assertThat(n(afterRestart, "30d")).isEqualTo(1);
        assertThat(client.get(ServiceKind.FOLLOWUP, "/api/v1/cases").size()).isEqualTo(1);

        FollowupJourney.run(client, "c-42");

        JsonNode both = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview",
                node -> n(node, "30d") == 2 && node.path("openCases").asLong() == 0);
        assertThat(window(both, "30d").path("promoters").asLong()).isEqualTo(1);
        assertThat(window(both, "30d").path("nps").asDouble()).isEqualTo(0.0);
        assertThat(window(both, "30d").path("distribution").get(10).asLong()).isEqualTo(1);

        JsonNode funnel = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/followup",
                node -> node.path("total").path("convertedToPromoter").asLong() == 1).path("total");
        assertThat(funnel.path("alerts").asLong()).isEqualTo(1);
        assertThat(funnel.path("cases").asLong()).isEqualTo(1);
        assertThat(funnel.path("contacted").asLong()).isEqualTo(1);
        assertThat(funnel.path("resolved").asLong()).isEqualTo(1);
        assertThat(funnel.path("resurveyed").asLong()).isEqualTo(1);

        JsonNode pareto = client.get(ServiceKind.REPORTING, "/api/v1/reports/root-causes");
        assertThat(pareto.toString()).contains("delivery");

        // A source system's batch: each valid item counted once, the broken item named, a copy in the
        // same batch and a retry of the whole batch counted not at all.
        String batch = """
                {"responses":[
                  {"responseId":"r-2001","customerId":"c-51","score":10,"channel":"web"},
                  {"responseId":"r-2002","customerId":"c-52","score":8,"channel":"web"},
                  {"responseId":"r-2003","customerId":"c-53","score":"ten"},
                  {"responseId":"r-2001","customerId":"c-51","score":10,"channel":"web"}]}""";
        JsonNode first = PipelineClient.JSON.readTree(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses/batch", batch).body());
        assertThat(first.path("results").findValuesAsString("status")).containsExactly("accepted", "accepted", "rejected", "duplicate");
        assertThat(first.path("results").get(2).path("errors").get(0).path("field").asString()).isEqualTo("score");
        JsonNode retried = PipelineClient.JSON.readTree(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses/batch", batch).body());
        assertThat(retried.path("results").findValuesAsString("status")).containsExactly("duplicate", "duplicate", "rejected", "duplicate");

        JsonNode withBatch = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview", node -> n(node, "30d") == 4);
        assertThat(window(withBatch, "30d").path("promoters").asLong()).isEqualTo(2);
        assertThat(window(withBatch, "30d").path("passives").asLong()).isEqualTo(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> n(client.get(ServiceKind.REPORTING, "/api/v1/reports/overview"), "30d") == 4);
    }

    private LocalPipeline start() {
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        return LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of(
                // The alert webhook of the default rules, on a receiver on this machine: loopback
                // and plain http are refused unless explicitly allowed, as here.
                "--nps.alerting.notifications.allow-loopback-http=true",
                "--nps.alerting.notifications.allowed-hosts=127.0.0.1",
                "--nps.alerting.notifications.webhook-secret=" + WEBHOOK_SECRET,
                "--nps.alerting.rules.default-targets[0].name=end-to-end",
                "--nps.alerting.rules.default-targets[0].channel=WEBHOOK",
                "--nps.alerting.rules.default-targets[0].address=" + receiver.url()));
    }

    /** HMAC-SHA256 with the secret's key bytes, base64: computed here, independently of the service. */
    private static String sign(String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(WEBHOOK_SECRET.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
