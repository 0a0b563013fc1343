package io.npsloop.ingest.responses.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.ResponseSubmitted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of the responses endpoints: every validation rule, the problem answers and the API-key checks. */
class ResponsesMvcTests extends IngestMvcTestContext {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void reset() {
        ledger.clear();
        publisher.clear();
    }

    @Test
    void validResponseIsAcceptedWithItsIdAndStatus() throws Exception {
        submit(body(Map.of())).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.responseId").value("r-1"))
                .andExpect(jsonPath("$.status").value("accepted"));

        assertThat(publisher.published()).singleElement().satisfies(event -> {
            assertThat(event.source()).isEqualTo("test-source");
            assertThat(event.score()).isEqualTo(9);
            assertThat(event.contact().email()).isEqualTo("ada@example.com");
            assertThat(event.accountValue().amount()).isEqualByComparingTo("1200.50");
        });
    }

    @Test
    void responseWithOnlyTheRequiredFieldsGetsAGeneratedIdAndDefaults() throws Exception {
        submit("{\"customerId\":\"c-1\",\"score\":0}").andExpect(status().isAccepted())
                .andExpect(jsonPath("$.responseId").isNotEmpty());

        ResponseSubmitted event = publisher.published().get(0);
        assertThat(event.revision()).isEqualTo(1);
        assertThat(event.occurredAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    @Test
    void chineseCommentOfTenThousandCharactersIsAccepted() throws Exception {
        String comment = "很".repeat(10_000);
        submit(body(Map.of("comment", "\"" + comment + "\""))).andExpect(status().isAccepted());

        assertThat(publisher.published().get(0).comment()).isEqualTo(comment);
    }

    @Test
    void sameResponseSentTwiceAnswersDuplicateAndPublishesOnce() throws Exception {
        submit(body(Map.of())).andExpect(status().isAccepted());
        submit(body(Map.of())).andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("duplicate"));

        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void higherRevisionAnswersUpdated() throws Exception {
        submit(body(Map.of())).andExpect(status().isAccepted());
        submit(body(Map.of("revision", "2", "score", "6"))).andExpect(jsonPath("$.status").value("updated"));

        assertThat(publisher.published()).extracting(ResponseSubmitted::revision).containsExactly(1, 2);
    }

    @Test
    void changedBodyWithoutAHigherRevisionIsA409Problem() throws Exception {
        submit(body(Map.of())).andExpect(status().isAccepted());
        submit(body(Map.of("score", "3"))).andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.storedRevision").value(1));
    }

    @Test
    void idempotencyKeyMakesARetryWithoutIdADuplicate() throws Exception {
        String json = "{\"customerId\":\"c-1\",\"score\":7}";
        String first = mvc.perform(withKey(post("/api/v1/responses")).header("Idempotency-Key", "order-77")
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        mvc.perform(withKey(post("/api/v1/responses")).header("Idempotency-Key", "order-77")
                        .contentType(MediaType.APPLICATION_JSON).content(json))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("duplicate"));

        assertThat(first).contains(publisher.published().get(0).responseId());
        assertThat(publisher.published()).hasSize(1);
    }

    @Test
    void brokerOutageIsA503WithRetryAfterAndTheRetrySucceeds() throws Exception {
        publisher.brokerDown(true);
        submit(body(Map.of())).andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        publisher.brokerDown(false);
        submit(body(Map.of())).andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("accepted"));
        assertThat(publisher.published()).hasSize(1);
    }

    static Stream<Arguments> invalidResponses() {
        return Stream.of(
                Arguments.of("customerId", null, "customerId", "must not be blank"),
                Arguments.of("customerId", "\"  \"", "customerId", "must not be blank"),
                Arguments.of("customerId", "\"" + "c".repeat(129) + "\"", "customerId", "size must be between"),
                Arguments.of("score", null, "score", "must not be null"),
                Arguments.of("score", "11", "score", "must be less than or equal to 10"),
                Arguments.of("score", "-1", "score", "must be greater than or equal to 0"),
                Arguments.of("responseId", "\"has space\"", "responseId", "must start with a letter or digit"),
                Arguments.of("responseId", "\"" + "r".repeat(129) + "\"", "responseId", "size must be between"),
                Arguments.of("surveyId", "\"\"", "surveyId", "size must be between"),
                Arguments.of("accountId", "\"" + "a".repeat(129) + "\"", "accountId", "size must be between"),
                Arguments.of("comment", "\"" + "x".repeat(10_001) + "\"", "comment", "size must be between 0 and 10000"),
                Arguments.of("channel", "\"fax\"", "channel", "must be one of email, web, in_app"),
                Arguments.of("touchpoint", "\"" + "t".repeat(129) + "\"", "touchpoint", "size must be between"),
                Arguments.of("respondedAt", "\"" + Instant.now().plus(10, ChronoUnit.MINUTES) + "\"", "respondedAt",
                        "must not be more than 5 minutes in the future"),
                Arguments.of("respondedAt", "\"" + Instant.now().atOffset(java.time.ZoneOffset.UTC).minusYears(10).minusDays(1).toInstant() + "\"",
                        "respondedAt", "must not be more than 10 years in the past"),
                Arguments.of("revision", "0", "revision", "must be greater than or equal to 1"),
                Arguments.of("contact", "{\"email\":\"not-an-address\"}", "contact.email", "well-formed email"),
                Arguments.of("contact", "{\"phone\":\"call me\"}", "contact.phone", "must be a phone number"),
                Arguments.of("contact", "{\"name\":\"" + "n".repeat(201) + "\"}", "contact.name", "size must be between"),
                Arguments.of("accountValue", "{\"amount\":\"12,50\",\"currency\":\"EUR\"}", "accountValue.amount", "decimal string"),
                Arguments.of("accountValue", "{\"amount\":\"-12.50\",\"currency\":\"EUR\"}", "accountValue.amount", "must not be negative"),
                Arguments.of("accountValue", "{\"amount\":\"12.50\",\"currency\":\"eur\"}", "accountValue.currency", "ISO 4217"),
                Arguments.of("accountValue", "{\"amount\":\"12.50\",\"currency\":\"ABC\"}", "accountValue.currency", "ISO 4217"),
                Arguments.of("accountValue", "{\"currency\":\"EUR\"}", "accountValue.amount", "must not be null"),
                Arguments.of("attributes", attributes(33), "attributes", "at most 32 attributes"),
                Arguments.of("attributes", "{\"9lives\":\"x\"}", "attributes[9lives]", "must start with a letter"),
                Arguments.of("attributes", "{\"region\":\"" + "v".repeat(257) + "\"}", "attributes[region]", "size must be between"),
                Arguments.of("attributes", "{\"region\":null}", "attributes[region]", "must not be null"));
    }

    @ParameterizedTest(name = "{0}={1} is rejected on {2}")
    @MethodSource("invalidResponses")
    void everyRuleViolationIsNamedInAProblem(String field, String value, String problemField, String message) throws Exception {
        Map<String, String> change = new LinkedHashMap<>();
        change.put(field, value);
        submit(body(change)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(problemField)))
                .andExpect(jsonPath("$.errors[*].message").value(hasItem(containsString(message))));
        assertThat(publisher.published()).isEmpty();
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("score", "9.5"),
                Arguments.of("score", "\"9\""),
                Arguments.of("score", "true"),
                Arguments.of("customerId", "42"),
                Arguments.of("revision", "\"2\""),
                Arguments.of("respondedAt", "\"yesterday\""),
                Arguments.of("attributes", "[\"a\"]"),
                Arguments.of("contact", "\"Ada\""));
    }

    @ParameterizedTest(name = "{0}={1} is a wrong type")
    @MethodSource("wrongTypes")
    void valueOfTheWrongTypeIsNamedInAProblem(String field, String value) throws Exception {
        submit(body(Map.of(field, value))).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() throws Exception {
        submit("{\"score\":12,\"channel\":\"fax\",\"contact\":{\"email\":\"x\"}}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder(
                        "channel", "contact.email", "customerId", "score")));
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        submit(body(Map.of("nps", "9"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("nps"))
                .andExpect(jsonPath("$.errors[0].message").value("unknown field"));
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        submit("{\"customerId\":\"c-1\",").andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void numberLongerThanTheLimitIsA400Problem() throws Exception {
        submit(body(Map.of("score", "1".repeat(40)))).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("limit")));
    }

    @Test
    void batchAnswersAResultPerItemAndPublishesTheValidOnes() throws Exception {
        String batch = "{\"responses\":[" + body(Map.of("responseId", "\"b-1\"")) + ","
                + body(Map.of("responseId", "\"b-2\"", "score", "11")) + ","
                + body(Map.of("responseId", "\"b-3\"", "score", "\"9\"")) + ",42,"
                + body(Map.of("responseId", "\"b-1\"")) + "]}";
        mvc.perform(withKey(post("/api/v1/responses/batch")).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.duplicate").value(1))
                .andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.results[0].status").value("accepted"))
                .andExpect(jsonPath("$.results[1].status").value("rejected"))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("score"))
                .andExpect(jsonPath("$.results[2].errors[0].field").value("score"))
                .andExpect(jsonPath("$.results[3].errors[0].message").value("must be a JSON object"))
                .andExpect(jsonPath("$.results[4].status").value("duplicate"));

        assertThat(publisher.published()).extracting(ResponseSubmitted::responseId).containsExactly("b-1");
    }

    @Test
    void batchOverTheItemLimitIsRejectedWhole() throws Exception {
        String batch = Stream.iterate(0, i -> i + 1).limit(6).map(i -> body(Map.of("responseId", "\"x-" + i + "\"")))
                .collect(Collectors.joining(",", "{\"responses\":[", "]}"));
        mvc.perform(withKey(post("/api/v1/responses/batch")).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("responses"));
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void batchWithTheBrokerDownIsA503WhenNothingWasPublished() throws Exception {
        publisher.brokerDown(true);
        String batch = "{\"responses\":[" + body(Map.of("responseId", "\"d-1\"")) + "," + body(Map.of("responseId", "\"d-2\"")) + "]}";
        mvc.perform(withKey(post("/api/v1/responses/batch")).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"));

        publisher.brokerDown(false);
        mvc.perform(withKey(post("/api/v1/responses/batch")).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.accepted").value(2));
        assertThat(publisher.published()).hasSize(2);
    }

    @Test
    void deeplyNestedJsonIsA400Problem() throws Exception {
        String nested = "[".repeat(100) + "]".repeat(100);
        submit(body(Map.of("comment", nested))).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void wrongContentTypeIsA415Problem() throws Exception {
        mvc.perform(withKey(post("/api/v1/responses")).contentType(MediaType.TEXT_PLAIN).content("score=9"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void oversizedBodyIsA413ProblemBeforeAnythingIsParsed() throws Exception {
        String big = body(Map.of("comment", "\"" + "x".repeat(70_000) + "\""));
        submit(big).andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void missingApiKeyIsA401Problem() throws Exception {
        mvc.perform(post("/api/v1/responses").contentType(MediaType.APPLICATION_JSON).content(body(Map.of())))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownApiKeyIsA401Problem() throws Exception {
        mvc.perform(post("/api/v1/responses").header("X-API-Key", "guessed").contentType(MediaType.APPLICATION_JSON)
                        .content(body(Map.of())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("does not name a known key")));
        assertThat(publisher.published()).isEmpty();
    }

    @Test
    void keyWithoutTheWriteScopeIsA403Problem() throws Exception {
        mvc.perform(post("/api/v1/responses").header("X-API-Key", "import-key").contentType(MediaType.APPLICATION_JSON)
                        .content(body(Map.of())))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void importEndpointNeedsTheImportScope() throws Exception {
        mvc.perform(post("/api/v1/responses/import").header("X-API-Key", KEY + "-unknown").contentType("text/csv").content("a"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/responses/import").header("X-API-Key", "writer-key").contentType("text/csv").content("a"))
                .andExpect(status().isForbidden());
    }

    @Test
    void webhooksAreNotGuardedByApiKeys() throws Exception {
        var response = mvc.perform(post("/api/v1/webhooks/typeform").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andReturn().getResponse();
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
        assertThat(response.getContentAsString()).doesNotContain("X-API-Key");
    }

    @Test
    void keyOverItsRateIsA429WithRetryAfter() throws Exception {
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/v1/responses").header("X-API-Key", "slow-key").contentType(MediaType.APPLICATION_JSON)
                    .content(body(Map.of("responseId", "\"slow-" + i + "\"")))).andExpect(status().isAccepted());
        }
        mvc.perform(post("/api/v1/responses").header("X-API-Key", "slow-key").contentType(MediaType.APPLICATION_JSON)
                        .content(body(Map.of("responseId", "\"slow-3\""))))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(Long.parseLong(mvcRetryAfter())).isPositive();
    }

    @Test
    void outcomesAreCountedBySourceAndChannel() throws Exception {
        double before = count("accepted", "email") + count("duplicate", "email") + count("rejected", "email");
        submit(body(Map.of("responseId", "\"metered\""))).andExpect(status().isAccepted());
        submit(body(Map.of("responseId", "\"metered\""))).andExpect(status().isAccepted());
        submit(body(Map.of("score", "11"))).andExpect(status().isBadRequest());

        assertThat(count("accepted", "email") + count("duplicate", "email") + count("rejected", "email")).isEqualTo(before + 3);
        assertThat(meters.get("nps.ingest.publish.latency").timer().count()).isPositive();
    }

    private double count(String outcome, String channel) {
        var counter = meters.find("nps.ingest.responses").tags("outcome", outcome, "source", "test-source", "channel", channel).counter();
        return counter == null ? 0 : counter.count();
    }

    private String mvcRetryAfter() throws Exception {
        return mvc.perform(post("/api/v1/responses").header("X-API-Key", "slow-key").contentType(MediaType.APPLICATION_JSON)
                .content(body(Map.of()))).andReturn().getResponse().getHeader("Retry-After");
    }

    ResultActions submit(String json) throws Exception {
        return mvc.perform(withKey(post("/api/v1/responses")).contentType(MediaType.APPLICATION_JSON)
                .content(json.getBytes(StandardCharsets.UTF_8)));
    }

    static MockHttpServletRequestBuilder withKey(MockHttpServletRequestBuilder request) {
        return request.header("X-API-Key", KEY);
    }

    /** A valid response with {@code changes} applied: raw JSON values, null removes the field. */
    static String body(Map<String, String> changes) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("responseId", "\"r-1\"");
        fields.put("surveyId", "\"q1-relationship\"");
        fields.put("customerId", "\"c-42\"");
        fields.put("accountId", "\"acme\"");
        fields.put("contact", "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"phone\":\"+44 20 7946 0958\"}");
        fields.put("score", "9");
        fields.put("comment", "\"Quick delivery\"");
        fields.put("channel", "\"email\"");
        fields.put("touchpoint", "\"delivery\"");
        fields.put("respondedAt", "\"2026-03-01T10:00:00Z\"");
        fields.put("attributes", "{\"region\":\"EMEA\",\"plan\":\"pro\"}");
        fields.put("accountValue", "{\"amount\":\"1200.50\",\"currency\":\"EUR\"}");
        changes.forEach((field, value) -> {
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
        });
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String attributes(int count) {
        return Stream.iterate(0, i -> i + 1).limit(count).map(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",", "{", "}"));
    }
}
