package io.npsloop.ingest.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.ingest.webhooks.WebhookProvidersTests.FORMBRICKS_SECRET;
import static io.npsloop.ingest.webhooks.WebhookProvidersTests.TYPEFORM_SECRET;
import static io.npsloop.ingest.webhooks.WebhookProvidersTests.resource;
import static io.npsloop.ingest.webhooks.WebhookProvidersTests.standardWebhookHeaders;
import static io.npsloop.ingest.webhooks.WebhookProvidersTests.surveyMonkeySignature;
import static io.npsloop.ingest.webhooks.WebhookProvidersTests.typeformSignature;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every provider's webhook over HTTP against the real broker and the wire-compatible store, with a
 * local HTTP server standing in for the SurveyMonkey and Qualtrics APIs: a documented-shape delivery
 * lands on {@code nps.responses.v1} once, mapped; a forged one is a 401 and publishes nothing; the
 * same delivery again publishes nothing.
 */
class WebhooksIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DATABASE = "ingest_webhooks_it_" + UUID.randomUUID().toString().substring(0, 8);

    private static final String SM_KEY = "sm-key";
    private static final String SM_SECRET = "sm-secret";
    private static final String SM_TOKEN = "sm-token";
    private static final String QUALTRICS_TOKEN = "q-token";
    private static final String QUALTRICS_API_TOKEN = "q-api-token";
    private static final String DELIGHTED_TOKEN = "delighted-token";

    private static HttpServer toolApi;
    private static final List<String> toolRequests = Collections.synchronizedList(new ArrayList<>());
    private static RunningIngest ingest;
    private static ResponsesTopic topic;

    @BeforeAll
    static void start() throws IOException {
        toolApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        toolApi.createContext("/v3/surveys/123456789/responses/987654321/details", exchange ->
                answer(exchange, "Authorization", "Bearer " + SM_TOKEN, "surveymonkey-response-details.json"));
        toolApi.createContext("/API/v3/surveys/SV_0dDRkjWeI5Ba8Ql/responses/R_1IbFKNqQ0zf5Ulb", exchange ->
                answer(exchange, "X-API-TOKEN", QUALTRICS_API_TOKEN, "qualtrics-response.json"));
        // Any other response id: the tool's API is failing.
        toolApi.createContext("/", exchange -> {
            toolRequests.add(exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        toolApi.start();
        String apiBase = "http://127.0.0.1:" + toolApi.getAddress().getPort();
        topic = new ResponsesTopic();
        ingest = RunningIngest.start(DATABASE, providerSettings(apiBase));
    }

    static String[] providerSettings(String apiBase) {
        return new String[] {
                "--nps.ingest.webhooks.max-body-bytes=65536",
                "--nps.ingest.webhooks.typeform.enabled=true",
                "--nps.ingest.webhooks.typeform.secret=" + TYPEFORM_SECRET,
                "--nps.ingest.webhooks.typeform.nps-question=nps_score",
                "--nps.ingest.webhooks.typeform.comment-question=nps_reason",
                "--nps.ingest.webhooks.typeform.attribute-fields=region",
                "--nps.ingest.webhooks.typeform.channel=web",
                "--nps.ingest.webhooks.formbricks.enabled=true",
                "--nps.ingest.webhooks.formbricks.secret=" + FORMBRICKS_SECRET,
                "--nps.ingest.webhooks.formbricks.nps-question=npsq",
                "--nps.ingest.webhooks.formbricks.comment-question=whyq",
                "--nps.ingest.webhooks.formbricks.attribute-fields=plan",
                "--nps.ingest.webhooks.delighted.enabled=true",
                "--nps.ingest.webhooks.delighted.secret=" + DELIGHTED_TOKEN,
                "--nps.ingest.webhooks.delighted.attribute-fields=Purchase Experience",
                "--nps.ingest.webhooks.delighted.channel=email",
                "--nps.ingest.webhooks.surveymonkey.enabled=true",
                "--nps.ingest.webhooks.surveymonkey.api-key=" + SM_KEY,
                "--nps.ingest.webhooks.surveymonkey.secret=" + SM_SECRET,
                "--nps.ingest.webhooks.surveymonkey.api-token=" + SM_TOKEN,
                "--nps.ingest.webhooks.surveymonkey.api-base-url=" + apiBase,
                "--nps.ingest.webhooks.surveymonkey.nps-question=50000001",
                "--nps.ingest.webhooks.surveymonkey.comment-question=50000002",
                "--nps.ingest.webhooks.surveymonkey.attribute-fields=region",
                "--nps.ingest.webhooks.qualtrics.enabled=true",
                "--nps.ingest.webhooks.qualtrics.secret=" + QUALTRICS_TOKEN,
                "--nps.ingest.webhooks.qualtrics.api-base-url=" + apiBase,
                "--nps.ingest.webhooks.qualtrics.api-token=" + QUALTRICS_API_TOKEN,
                "--nps.ingest.webhooks.qualtrics.nps-question=QID1",
                "--nps.ingest.webhooks.qualtrics.comment-question=QID2_TEXT",
                "--nps.ingest.webhooks.qualtrics.attribute-fields=region"};
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        if (topic != null) {
            topic.close();
        }
        toolApi.stop(0);
    }

    private static void answer(HttpExchange exchange, String authHeader, String expected, String resource) throws IOException {
        toolRequests.add(exchange.getRequestURI().toString());
        if (!expected.equals(exchange.getRequestHeaders().getFirst(authHeader))) {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        byte[] body = resource(resource);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void typeformFormResponseIsPublishedOnceAndAForgedSignatureIsRefused() {
        byte[] body = resource("typeform-form-response.json");
        assertProblem(webhook("typeform", "", Map.of("Typeform-Signature", typeformSignature(body, "not-the-secret")), body), 401);

        Map<String, String> signed = Map.of("Typeform-Signature", typeformSignature(body, TYPEFORM_SECRET));
        assertStatus(webhook("typeform", "", signed, body), "accepted");
        assertStatus(webhook("typeform", "", signed, body), "duplicate");

        JsonNode event = onlyEvent("typeform", "x71for1wr6irs2rx71fotn12b3izh25v", "c-42");
        assertThat(event.path("score").asInt()).isEqualTo(3);
        assertThat(event.path("comment").asString()).isEqualTo("Support never called back");
        assertThat(event.path("channel").asString()).isEqualTo("web");
        assertThat(event.path("attributes").path("region").asString()).isEqualTo("EMEA");
    }

    @Test
    void formbricksResponseFinishedIsPublishedOnceAndAStaleOrForgedDeliveryIsRefused() {
        byte[] body = resource("formbricks-response-finished.json");
        Instant now = Instant.now();
        assertProblem(webhook("formbricks", "", standardWebhookHeaders("msg_stale", now.minusSeconds(600), body, FORMBRICKS_SECRET), body), 401);
        String otherSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-key".getBytes(StandardCharsets.UTF_8));
        assertProblem(webhook("formbricks", "", standardWebhookHeaders("msg_forged", now, body, otherSecret), body), 401);

        Map<String, String> signed = standardWebhookHeaders("msg_1", now, body, FORMBRICKS_SECRET);
        assertStatus(webhook("formbricks", "", signed, body), "accepted");
        assertStatus(webhook("formbricks", "", signed, body), "duplicate");
        // The same response delivered again under a new delivery id meets the intake's own duplicate check.
        assertStatus(webhook("formbricks", "", standardWebhookHeaders("msg_2", now, body, FORMBRICKS_SECRET), body), "duplicate");

        JsonNode event = onlyEvent("formbricks", "cm4response0001", "c-7");
        assertThat(event.path("score").asInt()).isEqualTo(10);
        assertThat(event.path("comment").asString()).isEqualTo("Setup took five minutes");
        assertThat(event.path("attributes").path("plan").asString()).isEqualTo("pro");
        assertThat(event.path("revision").asInt()).isEqualTo(34);
    }

    @Test
    void delightedSurveyResponseIsPublishedOnceAndAWrongTokenIsRefused() {
        byte[] body = resource("delighted-survey-response-updated.json");
        assertProblem(webhook("delighted", "?token=guess", Map.of(), body), 401);

        assertStatus(webhook("delighted", "?token=" + DELIGHTED_TOKEN, Map.of(), body), "accepted");
        assertStatus(webhook("delighted", "?token=" + DELIGHTED_TOKEN, Map.of(), body), "duplicate");

        JsonNode event = onlyEvent("delighted", "5435", "c-5975");
        assertThat(event.path("score").asInt()).isEqualTo(9);
        assertThat(event.path("channel").asString()).isEqualTo("email");
        assertThat(event.path("contact").path("email").asString()).isEqualTo("charlie_gravis@example.com");
        assertThat(event.path("attributes").path("purchase_experience").asString()).isEqualTo("Retail Store");
    }

    @Test
    void surveyMonkeyCallbackIsCompletedFromTheApiPublishedOnceAndAForgedSignatureIsRefused() {
        byte[] body = resource("surveymonkey-response-completed.json");
        assertProblem(webhook("surveymonkey", "", Map.of("Sm-Apikey", SM_KEY,
                "Sm-Signature", surveyMonkeySignature(body, SM_KEY, "wrong")), body), 401);
        assertThat(toolRequests).as("a forged callback makes no API call").noneMatch(uri -> uri.contains("987654321"));

        Map<String, String> signed = Map.of("Sm-Apikey", SM_KEY, "Sm-Signature", surveyMonkeySignature(body, SM_KEY, SM_SECRET));
        assertStatus(webhook("surveymonkey", "", signed, body), "accepted");
        assertStatus(webhook("surveymonkey", "", signed, body), "duplicate");
        assertThat(toolRequests).contains("/v3/surveys/123456789/responses/987654321/details?simple=true");

        JsonNode event = onlyEvent("surveymonkey", "987654321", "c-88");
        assertThat(event.path("score").asInt()).isEqualTo(6);
        assertThat(event.path("comment").asString()).isEqualTo("Too expensive for what it does");
        assertThat(event.path("attributes").path("region").asString()).isEqualTo("APAC");
    }

    @Test
    void qualtricsEventIsCompletedFromTheApiPublishedOnceAndAWrongTokenIsRefused() {
        byte[] body = resource("qualtrics-completed-response.txt");
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        assertProblem(webhook("qualtrics", "?token=nope", form, body), 401);

        assertStatus(webhook("qualtrics", "?token=" + QUALTRICS_TOKEN, form, body), "accepted");
        assertStatus(webhook("qualtrics", "?token=" + QUALTRICS_TOKEN, form, body), "duplicate");

        JsonNode event = onlyEvent("qualtrics", "R_1IbFKNqQ0zf5Ulb", "c-321");
        assertThat(event.path("score").asInt()).isEqualTo(8);
        assertThat(event.path("comment").asString()).isEqualTo("Good, but onboarding was slow");
        assertThat(event.path("attributes").path("region").asString()).isEqualTo("NA");
    }

    @Test
    void aFailingToolApiIsA502SoTheToolDeliversAgain() {
        byte[] body = new String(resource("qualtrics-completed-response.txt"), StandardCharsets.UTF_8)
                .replace("R_1IbFKNqQ0zf5Ulb", "R_2ApiIsFailing00").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = webhook("qualtrics", "?token=" + QUALTRICS_TOKEN,
                Map.of("Content-Type", "application/x-www-form-urlencoded"), body);

        assertProblem(answer, 502);
        assertThat(toolRequests).anyMatch(uri -> uri.contains("R_2ApiIsFailing00"));
        assertThat(topic.of("qualtrics", "R_2ApiIsFailing00")).isEmpty();
    }

    @Test
    void anUnknownProviderIsA404AndAnOversizedDeliveryA413() {
        byte[] body = resource("typeform-form-response.json");
        assertProblem(webhook("wufoo", "", Map.of(), body), 404);

        byte[] large = new byte[70_000];
        java.util.Arrays.fill(large, (byte) ' ');
        assertProblem(webhook("typeform", "", Map.of("Typeform-Signature", typeformSignature(large, TYPEFORM_SECRET)), large), 413);
    }

    private static HttpResponse<String> webhook(String provider, String query, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new HashMap<>(Map.of("Content-Type", "application/json"));
        all.putAll(headers);
        return ingest.post("/api/v1/webhooks/" + provider + query, all, body);
    }

    private static void assertStatus(HttpResponse<String> response, String status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo(status);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(status);
    }

    /** The one record of the response: keyed by its customer id, from the provider as source. */
    private static JsonNode onlyEvent(String provider, String responseId, String customerId) {
        List<ResponsesTopic.Received> records = topic.awaitExactly(provider, responseId, 1);
        assertThat(records.get(0).key()).isEqualTo(customerId);
        JsonNode event = records.get(0).value();
        assertThat(event.path("customerId").asString()).isEqualTo(customerId);
        assertThat(event.path("source").asString()).isEqualTo(provider);
        return event;
    }
}
