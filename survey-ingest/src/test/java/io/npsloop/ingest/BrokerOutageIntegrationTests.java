package io.npsloop.ingest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook and import paths with the broker unreachable: 503 problem with Retry-After, nothing
 * recorded as accepted, and the retry against a reachable broker publishes each response once.
 */
class BrokerOutageIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "ingest_outage_it_" + RUN;
    private static final String TYPEFORM_SECRET = "outage-secret";

    private static RunningIngest brokerDown;
    private static ResponsesTopic topic;

    @BeforeAll
    static void start() {
        topic = new ResponsesTopic();
        List<String> arguments = new ArrayList<>(typeform());
        // A small upload limit, to see an oversized import file answered before anything is read.
        arguments.add("--spring.servlet.multipart.max-file-size=1KB");
        arguments.add("--spring.servlet.multipart.max-request-size=2KB");
        brokerDown = RunningIngest.startWithoutBroker(DATABASE, arguments.toArray(String[]::new));
    }

    private static List<String> typeform() {
        return List.of("--nps.ingest.webhooks.typeform.enabled=true",
                "--nps.ingest.webhooks.typeform.secret=" + TYPEFORM_SECRET,
                "--nps.ingest.webhooks.typeform.nps-question=nps_score");
    }

    @AfterAll
    static void stop() {
        if (brokerDown != null) {
            brokerDown.close();
        }
        topic.close();
    }

    @Test
    void aWebhookDuringAnOutageIsA503AndItsRedeliveryPublishesItOnce() {
        String token = "outage" + RUN;
        byte[] body = ("{\"event_id\":\"ev-" + RUN + "\",\"event_type\":\"form_response\",\"form_response\":{\"form_id\":\"f1\","
                + "\"token\":\"" + token + "\",\"submitted_at\":\"2025-05-26T08:23:49Z\",\"hidden\":{\"customer_id\":\"c-9\"},"
                + "\"answers\":[{\"type\":\"number\",\"number\":2,\"field\":{\"id\":\"q1\",\"type\":\"opinion_scale\",\"ref\":\"nps_score\"}}]}}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Typeform-Signature",
                io.npsloop.ingest.webhooks.WebhookTestSignatures.typeform(body, TYPEFORM_SECRET));

        long started = System.nanoTime();
        HttpResponse<String> refused = brokerDown.post("/api/v1/webhooks/typeform", headers, body);
        System.out.printf("first 503 after %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertUnavailable(refused);
        try (RunningIngest reachable = RunningIngest.start(DATABASE, typeform().toArray(String[]::new))) {
            HttpResponse<String> redelivered = reachable.post("/api/v1/webhooks/typeform", headers, body);
            assertThat(redelivered.statusCode()).as(redelivered.body()).isEqualTo(200);
            assertThat(JSON.readTree(redelivered.body()).path("status").asString()).isEqualTo("accepted");
        }
        assertThat(topic.awaitExactly("typeform", token, 1)).hasSize(1);
    }

    @Test
    void anImportDuringAnOutageIsA503WithTheReportAndSendingItAgainPublishesEachRowOnce() {
        String prefix = "outage-imp-" + RUN;
        byte[] csv = ("responseId,customerId,score\n" + prefix + "-1,c-1,3\n" + prefix + "-2,c-2,12\n" + prefix + "-3,c-3,9\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-API-Key", RunningIngest.DEV_KEY, "Content-Type", "text/csv");

        HttpResponse<String> refused = brokerDown.post("/api/v1/responses/import", headers, csv);

        assertUnavailable(refused);
        assertThat(JSON.readTree(refused.body()).path("report").path("accepted").asLong()).isZero();
        try (RunningIngest reachable = RunningIngest.start(DATABASE)) {
            HttpResponse<String> again = reachable.post("/api/v1/responses/import", headers, csv);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            JsonNode report = JSON.readTree(again.body());
            assertThat(report.path("accepted").asLong()).isEqualTo(2);
            assertThat(report.path("rejected").asLong()).isEqualTo(1);
        }
        assertThat(topic.awaitExactly("dev", prefix + "-1", 1)).hasSize(1);
        assertThat(topic.awaitExactly("dev", prefix + "-3", 1)).hasSize(1);
    }

    @Test
    void anImportFileOverTheUploadLimitIsA413Problem() {
        String boundary = "----nps" + RUN;
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nresponseId,customerId,score\n" + "r,c,1\n".repeat(1_000)
                + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = brokerDown.post("/api/v1/responses/import", Map.of("X-API-Key", RunningIngest.DEV_KEY,
                "Content-Type", "multipart/form-data; boundary=" + boundary), body);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }
}
