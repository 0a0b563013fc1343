package io.npsloop.ingest.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseRequest;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each provider with a payload shaped as its documentation shows: authentication and mapping. */
class WebhookProvidersTests {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Instant NOW = Instant.parse("2025-07-24T07:50:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    static byte[] resource(String name) {
        try (InputStream in = WebhookProvidersTests.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookDelivery delivery(byte[] body, Map<String, String> headers, Map<String, String> query) {
        Map<String, String> lower = new java.util.HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new WebhookDelivery(lower, query, body);
    }

    // --- Typeform

    static final String TYPEFORM_SECRET = "typeform-test-secret";

    static String typeformSignature(byte[] body, String secret) {
        return "sha256=" + Signatures.base64Hmac("HmacSHA256", Signatures.utf8(secret), body);
    }

    private final TypeformProvider typeform = new TypeformProvider(TYPEFORM_SECRET,
            new ProviderMapping("nps_score", "nps_reason", "customer_id", List.of("region"), null, "web"));

    @Test
    void typeformFormResponseMapsTokenNpsAnswerCommentAndHiddenFields() {
        byte[] body = resource("typeform-form-response.json");
        WebhookDelivery delivery = delivery(body, Map.of("Typeform-Signature", typeformSignature(body, TYPEFORM_SECRET)), Map.of());

        assertThat(typeform.authenticate(delivery, NOW)).isEqualTo("01EK4R5PFZZP6C8H14RTP4YW6C");
        ResponseRequest request = typeform.toRequest(delivery).orElseThrow();
        assertThat(request.responseId()).isEqualTo("x71for1wr6irs2rx71fotn12b3izh25v");
        assertThat(request.surveyId()).isEqualTo("g8hcyeXS");
        assertThat(request.customerId()).isEqualTo("c-42");
        assertThat(request.score()).isEqualTo(3);
        assertThat(request.comment()).isEqualTo("Support never called back");
        assertThat(request.attributes()).containsExactly(Map.entry("region", "EMEA"));
        assertThat(request.respondedAt()).isEqualTo(Instant.parse("2025-05-26T08:23:49Z"));
        assertThat(request.channel()).isEqualTo("web");
    }

    @Test
    void typeformDeliverySignedWithAnotherSecretOrAlteredIsRejected() {
        byte[] body = resource("typeform-form-response.json");
        WebhookDelivery wrongSecret = delivery(body, Map.of("Typeform-Signature", typeformSignature(body, "other")), Map.of());
        byte[] altered = new String(body, java.nio.charset.StandardCharsets.UTF_8).replace("\"number\": 3", "\"number\": 10")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        WebhookDelivery tampered = delivery(altered, Map.of("Typeform-Signature", typeformSignature(body, TYPEFORM_SECRET)), Map.of());

        assertThatThrownBy(() -> typeform.authenticate(wrongSecret, NOW)).isInstanceOf(WebhookNotAuthenticException.class);
        assertThatThrownBy(() -> typeform.authenticate(tampered, NOW)).isInstanceOf(WebhookNotAuthenticException.class);
        assertThatThrownBy(() -> typeform.authenticate(delivery(body, Map.of(), Map.of()), NOW))
                .isInstanceOf(WebhookNotAuthenticException.class);
    }

    // --- Formbricks (Standard Webhooks)

    static final String FORMBRICKS_SECRET = "whsec_" + Base64.getEncoder().encodeToString("formbricks-test-key-0123456789".getBytes());

    static Map<String, String> standardWebhookHeaders(String id, Instant sentAt, byte[] body, String secret) {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String timestamp = String.valueOf(sentAt.getEpochSecond());
        byte[] prefix = Signatures.utf8(id + "." + timestamp + ".");
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return Map.of("webhook-id", id, "webhook-timestamp", timestamp,
                "webhook-signature", "v1,bm90LXRoaXMtb25l v1," + Signatures.base64Hmac("HmacSHA256", key, signed));
    }

    private final FormbricksProvider formbricks = new FormbricksProvider(FORMBRICKS_SECRET, Duration.ofMinutes(5),
            new ProviderMapping("npsq", "whyq", "customer_id", List.of("plan"), null, null));

    @Test
    void formbricksResponseFinishedMapsAnswersHiddenFieldsAndARevisionThatGrowsWithEdits() {
        byte[] body = resource("formbricks-response-finished.json");
        WebhookDelivery delivery = delivery(body, standardWebhookHeaders("msg_1", NOW.minusSeconds(30), body, FORMBRICKS_SECRET), Map.of());

        assertThat(formbricks.authenticate(delivery, NOW)).isEqualTo("msg_1");
        ResponseRequest request = formbricks.toRequest(delivery).orElseThrow();
        assertThat(request.responseId()).isEqualTo("cm4response0001");
        assertThat(request.surveyId()).isEqualTo("cm4survey0001");
        assertThat(request.customerId()).isEqualTo("c-7");
        assertThat(request.score()).isEqualTo(10);
        assertThat(request.comment()).isEqualTo("Setup took five minutes");
        assertThat(request.attributes()).containsExactly(Map.entry("plan", "pro"));
        assertThat(request.revision()).isEqualTo(34);
    }

    @Test
    void formbricksDeliveryWithAStaleTimestampOrABadSignatureIsRejected() {
        byte[] body = resource("formbricks-response-finished.json");
        WebhookDelivery stale = delivery(body, standardWebhookHeaders("msg_1", NOW.minus(Duration.ofMinutes(6)), body, FORMBRICKS_SECRET), Map.of());
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString("another-key".getBytes());
        WebhookDelivery forged = delivery(body, standardWebhookHeaders("msg_1", NOW, body, otherSecret), Map.of());

        assertThatThrownBy(() -> formbricks.authenticate(stale, NOW)).isInstanceOf(WebhookNotAuthenticException.class)
                .hasMessageContaining("tolerance");
        assertThatThrownBy(() -> formbricks.authenticate(forged, NOW)).isInstanceOf(WebhookNotAuthenticException.class);
    }

    @Test
    void formbricksResponseCreatedBeforeTheNpsQuestionIsAnsweredIsIgnored() {
        byte[] body = "[{\"webhookId\":\"w\",\"event\":\"responseCreated\",\"data\":{\"id\":\"r\",\"surveyId\":\"s\",\"data\":{\"q1\":\"clicked\"}}}]"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(formbricks.toRequest(delivery(body, Map.of(), Map.of()))).isEmpty();
    }

    // --- Delighted

    private final DelightedProvider delighted = new DelightedProvider("delighted-token",
            new ProviderMapping("score", null, "customer_id", List.of("Purchase Experience"), null, "email"));

    @Test
    void delightedSurveyResponseUpdatedMapsPersonPropertiesAndAHigherRevisionThanItsCreation() {
        byte[] body = resource("delighted-survey-response-updated.json");
        WebhookDelivery delivery = delivery(body, Map.of(), Map.of("token", "delighted-token"));

        assertThat(delighted.authenticate(delivery, NOW)).startsWith("b8d057c5");
        ResponseRequest request = delighted.toRequest(delivery).orElseThrow();
        assertThat(request.responseId()).isEqualTo("5435");
        assertThat(request.customerId()).isEqualTo("c-5975");
        assertThat(request.score()).isEqualTo(9);
        assertThat(request.contact().email()).isEqualTo("charlie_gravis@example.com");
        assertThat(request.respondedAt()).isEqualTo(Instant.ofEpochSecond(1732186844));
        assertThat(request.revision()).isEqualTo(601);
        assertThat(request.attributes()).containsExactly(Map.entry("purchase_experience", "Retail Store"));
    }

    @Test
    void delightedDeliveryWithoutTheRightTokenIsRejected() {
        byte[] body = resource("delighted-survey-response-updated.json");
        assertThatThrownBy(() -> delighted.authenticate(delivery(body, Map.of(), Map.of("token", "guess")), NOW))
                .isInstanceOf(WebhookNotAuthenticException.class);
        assertThatThrownBy(() -> delighted.authenticate(delivery(body, Map.of(), Map.of()), NOW))
                .isInstanceOf(WebhookNotAuthenticException.class);
    }

    // --- SurveyMonkey and Qualtrics fetch the response from the tool's API

    static String surveyMonkeySignature(byte[] body, String apiKey, String apiSecret) {
        return Signatures.base64Hmac("HmacSHA1", Signatures.utf8(apiKey + "&" + apiSecret), body);
    }

    @Test
    void surveyMonkeyCallbackFetchesTheResponseDetailsAndMapsCustomVariables() {
        List<String> fetched = new ArrayList<>();
        SurveyMonkeyProvider provider = new SurveyMonkeyProvider("sm-key", "sm-secret", "http://sm.test/", "sm-token",
                new ProviderMapping("50000001", "50000002", "customer_id", List.of("region"), null, null),
                (url, headers) -> {
                    fetched.add(url + " " + headers.get("Authorization"));
                    return Json.parse(resource("surveymonkey-response-details.json"));
                });
        byte[] body = resource("surveymonkey-response-completed.json");
        WebhookDelivery delivery = delivery(body, Map.of("Sm-Apikey", "sm-key", "Sm-Signature", surveyMonkeySignature(body, "sm-key", "sm-secret")), Map.of());

        assertThat(provider.authenticate(delivery, NOW)).isEqualTo("10000000001");
        ResponseRequest request = provider.toRequest(delivery).orElseThrow();
        assertThat(fetched).containsExactly("http://sm.test/v3/surveys/123456789/responses/987654321/details?simple=true Bearer sm-token");
        assertThat(request.responseId()).isEqualTo("987654321");
        assertThat(request.customerId()).isEqualTo("c-88");
        assertThat(request.score()).isEqualTo(6);
        assertThat(request.comment()).isEqualTo("Too expensive for what it does");
        assertThat(request.attributes()).containsExactly(Map.entry("region", "APAC"));
        assertThatThrownBy(() -> provider.authenticate(delivery(body, Map.of("Sm-Signature",
                surveyMonkeySignature(body, "sm-key", "wrong")), Map.of()), NOW)).isInstanceOf(WebhookNotAuthenticException.class);
    }

    @Test
    void qualtricsCompletedResponseFetchesTheResponseAndMapsEmbeddedData() {
        List<String> fetched = new ArrayList<>();
        QualtricsProvider provider = new QualtricsProvider("q-token", "http://q.test", "q-api-token",
                new ProviderMapping("QID1", "QID2_TEXT", "customer_id", List.of("region"), null, null),
                (url, headers) -> {
                    fetched.add(url + " " + headers.get("X-API-TOKEN"));
                    return Json.parse(resource("qualtrics-response.json"));
                });
        byte[] body = resource("qualtrics-completed-response.txt");
        WebhookDelivery delivery = delivery(body, Map.of(), Map.of("token", "q-token"));

        assertThat(provider.authenticate(delivery, NOW)).endsWith("R_1IbFKNqQ0zf5Ulb");
        ResponseRequest request = provider.toRequest(delivery).orElseThrow();
        assertThat(fetched).containsExactly("http://q.test/API/v3/surveys/SV_0dDRkjWeI5Ba8Ql/responses/R_1IbFKNqQ0zf5Ulb q-api-token");
        assertThat(request.customerId()).isEqualTo("c-321");
        assertThat(request.score()).isEqualTo(8);
        assertThat(request.comment()).isEqualTo("Good, but onboarding was slow");
        assertThat(request.respondedAt()).isEqualTo(Instant.parse("2025-05-26T10:31:00Z"));
        assertThatThrownBy(() -> provider.authenticate(delivery(body, Map.of(), Map.of("token", "nope")), NOW))
                .isInstanceOf(WebhookNotAuthenticException.class);
    }

    // --- the intake around the providers

    @Test
    void aReplayedDeliveryPublishesNothingTheSecondTime() {
        Set<String> log = new HashSet<>();
        List<NewResponse> published = new ArrayList<>();
        WebhookIntake intake = new WebhookIntake(List.of(typeform), new DeliveryLog() {
            @Override
            public boolean contains(String provider, String deliveryId) {
                return log.contains(provider + ":" + deliveryId);
            }

            @Override
            public void record(String provider, String deliveryId) {
                log.add(provider + ":" + deliveryId);
            }
        }, new ResponseChecks(VALIDATION.getValidator(), CLOCK), (source, response) -> {
            published.add(response);
            return new IntakeResult(response.responseId(), IntakeResult.Status.ACCEPTED);
        }, CLOCK);
        byte[] body = resource("typeform-form-response.json");
        WebhookDelivery delivery = delivery(body, Map.of("Typeform-Signature", typeformSignature(body, TYPEFORM_SECRET)), Map.of());

        assertThat(intake.receive("typeform", delivery).status()).isEqualTo("accepted");
        assertThat(intake.receive("typeform", delivery).status()).isEqualTo("duplicate");
        assertThat(published).hasSize(1);
        assertThatThrownBy(() -> intake.receive("wufoo", delivery)).isInstanceOf(UnknownProviderException.class);
    }
}
