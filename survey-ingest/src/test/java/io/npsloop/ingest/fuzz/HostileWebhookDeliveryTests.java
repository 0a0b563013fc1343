package io.npsloop.ingest.fuzz;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.fuzz.HostileDeliveries.Delivery;
import io.npsloop.ingest.fuzz.HostileDeliveries.Expectation;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.webhooks.DelightedProvider;
import io.npsloop.ingest.webhooks.DeliveryLog;
import io.npsloop.ingest.webhooks.FormbricksProvider;
import io.npsloop.ingest.webhooks.ProviderMapping;
import io.npsloop.ingest.webhooks.QualtricsProvider;
import io.npsloop.ingest.webhooks.SurveyMonkeyProvider;
import io.npsloop.ingest.webhooks.TypeformProvider;
import io.npsloop.ingest.webhooks.WebhookDelivery;
import io.npsloop.ingest.webhooks.WebhookIntake;
import io.npsloop.ingest.webhooks.WebhookNotAuthenticException;
import io.npsloop.ingest.webhooks.WebhookResult;
import io.npsloop.platform.web.InvalidRequestException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every survey tool's webhook, fed hostile deliveries through the same {@link WebhookIntake} the
 * service runs, with the tools' APIs answering from memory. A delivery ends in exactly one of three
 * ways: taken (its response handed on once, its delivery id remembered), refused as invalid (400) or
 * as not authentic (401). Anything else thrown would reach the client as a 500. A refused delivery
 * hands nothing on and leaves no delivery id behind, so the tool's corrected delivery is not taken
 * for a replay.
 */
class HostileWebhookDeliveryTests {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterContainer
    static void close() {
        VALIDATION.close();
    }

    @Provide
    Arbitrary<String> providers() {
        return Arbitraries.of(HostileDeliveries.PROVIDERS);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.OFF)
    void aHostileDeliveryIsTakenWholeOrRefusedWithA4xxAndLeavesNothingBehind(@ForAll("providers") String provider, @ForAll long seed) {
        Delivery delivery = new HostileDeliveries(new SplittableRandom(seed)).next(provider, "x" + Long.toHexString(seed & 0xFFFFFFL));
        List<NewResponse> handedOn = new ArrayList<>();
        Set<String> remembered = new HashSet<>();
        WebhookIntake intake = intake(delivery, handedOn, remembered);
        String described = delivery.describe();

        try {
            WebhookResult result = intake.receive(provider, new WebhookDelivery(lowerCase(delivery.headers()), query(delivery.query()),
                    delivery.body()));

            assertThat(delivery.expectation()).as("taken: %s", described).isNotEqualTo(Expectation.REFUSED);
            if (result.status().equals(WebhookResult.IGNORED)) {
                assertThat(handedOn).as(described).isEmpty();
                assertThat(delivery.expectation()).as("ignored: %s", described).isNotEqualTo(Expectation.ACCEPTED);
            } else {
                assertThat(result.status()).as(described).isEqualTo("accepted");
                assertThat(handedOn).as(described).hasSize(1);
            }
        } catch (InvalidRequestException refused) {
            assertThat(delivery.expectation()).as("refused %s: %s", refused.problems(), described).isNotEqualTo(Expectation.ACCEPTED);
            assertThat(refused.problems()).as(described).isNotEmpty().extracting(FieldProblem::field).allMatch(field -> !field.isBlank());
            assertThat(handedOn).as(described).isEmpty();
            assertThat(remembered).as(described).isEmpty();
        } catch (WebhookNotAuthenticException refused) {
            assertThat(delivery.expectation()).as("not authentic (%s): %s", refused.getMessage(), described).isNotEqualTo(Expectation.ACCEPTED);
            assertThat(handedOn).as(described).isEmpty();
            assertThat(remembered).as(described).isEmpty();
        } catch (RuntimeException unexpected) {
            throw new AssertionError("Would be a 500: " + unexpected + " for " + described, unexpected);
        }
    }

    @Property(tries = 50)
    void eachToolsDocumentedDeliveryIsTaken(@ForAll("providers") String provider, @ForAll long seed) {
        Delivery delivery = new HostileDeliveries(new SplittableRandom(seed)).valid(provider, "v" + Long.toHexString(seed & 0xFFFFFFL));
        List<NewResponse> handedOn = new ArrayList<>();
        WebhookIntake intake = intake(delivery, handedOn, new HashSet<>());

        WebhookResult result = intake.receive(provider, new WebhookDelivery(lowerCase(delivery.headers()), query(delivery.query()),
                delivery.body()));

        assertThat(result.status()).as(delivery.describe()).isEqualTo("accepted");
        assertThat(handedOn).singleElement().satisfies(response -> assertThat(response.responseId()).isEqualTo(delivery.responseId()));
    }

    /** The five providers configured as in the webhook integration tests, their APIs answering this delivery's response only. */
    private static WebhookIntake intake(Delivery delivery, List<NewResponse> handedOn, Set<String> remembered) {
        io.npsloop.ingest.webhooks.ResponseFetcher api = (url, headers) -> {
            String path = url.replaceFirst("^https?://[^/]+", "").replaceFirst("\\?.*$", "");
            if (delivery.apiPath() == null || !path.equals(delivery.apiPath())) {
                throw new RestClientException("404 for " + url);
            }
            try {
                return JSON.readTree(delivery.apiAnswer());
            } catch (tools.jackson.core.JacksonException e) {
                throw new RestClientException("unreadable answer", e);
            }
        };
        DeliveryLog log = new DeliveryLog() {
            @Override
            public boolean contains(String provider, String deliveryId) {
                return remembered.contains(provider + ":" + deliveryId);
            }

            @Override
            public void record(String provider, String deliveryId) {
                remembered.add(provider + ":" + deliveryId);
            }
        };
        String base = "https://tool.example";
        return new WebhookIntake(List.of(
                new TypeformProvider(HostileDeliveries.TYPEFORM_SECRET,
                        new ProviderMapping("nps_score", "nps_reason", "customer_id", List.of("region"), null, "web")),
                new FormbricksProvider(HostileDeliveries.FORMBRICKS_SECRET, Duration.ofMinutes(5),
                        new ProviderMapping("npsq", "whyq", "customer_id", List.of("plan"), null, null)),
                new DelightedProvider(HostileDeliveries.DELIGHTED_TOKEN,
                        new ProviderMapping("nps", null, "customer_id", List.of("Purchase Experience"), null, "email")),
                new SurveyMonkeyProvider(HostileDeliveries.SURVEYMONKEY_KEY, HostileDeliveries.SURVEYMONKEY_SECRET, base,
                        HostileDeliveries.SURVEYMONKEY_TOKEN,
                        new ProviderMapping("50000001", "50000002", "customer_id", List.of("region"), null, null), api),
                new QualtricsProvider(HostileDeliveries.QUALTRICS_TOKEN, base, HostileDeliveries.QUALTRICS_API_TOKEN,
                        new ProviderMapping("QID1", "QID2_TEXT", "customer_id", List.of("region"), null, null), api)),
                log, new ResponseChecks(VALIDATION.getValidator(), Clock.systemUTC()),
                (source, response) -> {
                    handedOn.add(response);
                    return new IntakeResult(response.responseId() == null ? "generated" : response.responseId(), IntakeResult.Status.ACCEPTED);
                },
                Clock.systemUTC());
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    /** The query as the controller reads it; escapes that do not decode are the HTTP-level tests' business and kept raw here. */
    private static Map<String, String> query(String query) {
        Map<String, String> parameters = new HashMap<>();
        String text = query.startsWith("?") ? query.substring(1) : query;
        if (text.isEmpty()) {
            return parameters;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                value = URLDecoder.decode(value, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // kept as sent
            }
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }
}
