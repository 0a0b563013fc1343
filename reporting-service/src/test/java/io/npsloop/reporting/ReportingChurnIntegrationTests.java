package io.npsloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.CustomerOutcomeRecorded;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.OutcomeKind;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Churn through the real broker and store: answers on the scored topic and outcomes on the outcomes
 * topic (a duplicate delivery, the same outcome posted again under a new event id, and a poison one
 * among them) become the churn report, its CSV, the monthly section and the rates revenue at risk
 * uses.
 */
class ReportingChurnIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ReportingTestSupport.Topics TOPICS = ReportingTestSupport.Topics.named("churn-" + RUN);
    static final LocalDate FROM = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
    static final LocalDate TO = FROM.plusMonths(1).minusDays(1);
    static final String ANALYST = ReportingTestSupport.token(Role.ANALYST);

    static ConfigurableApplicationContext service;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void publishAndStart() {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        Instant answered = FROM.minusMonths(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant during = FROM.atTime(10, 0).toInstant(ZoneOffset.UTC);
        // 40 detractors, 10 of them cancel (one of those twice: a redelivery and a repost), 4 downgrade;
        // 40 promoters, 2 cancel, 20 renew. Detractors complain about price.
        for (int i = 0; i < 80; i++) {
            boolean detractor = i < 40;
            String customer = "cust-" + RUN + "-" + i;
            ResponseScored answer = scored(customer, "r-" + i, detractor ? 2 : 10, detractor ? "the price is too high" : "great",
                    answered.plusSeconds(i));
            records.add(ReportingTestSupport.record(TOPICS.scored(), customer, answer.eventId(), answer.eventType(), answer));
            OutcomeKind kind = detractor ? (i < 10 ? OutcomeKind.CANCELLED : i < 14 ? OutcomeKind.DOWNGRADED : null)
                    : (i < 42 ? OutcomeKind.CANCELLED : i < 62 ? OutcomeKind.RENEWED : null);
            if (kind != null) {
                CustomerOutcomeRecorded outcome = outcome(customer, "o-" + i, kind, during.plusSeconds(i));
                records.add(outcomeRecord(outcome));
                if (i == 3) {
                    records.add(outcomeRecord(outcome));
                    records.add(outcomeRecord(new CustomerOutcomeRecorded(UUID.randomUUID().toString(), outcome.eventType(), 1,
                            outcome.occurredAt(), outcome.receivedAt(), outcome.source(), outcome.outcomeId(), customer, null, kind,
                            outcome.value(), outcome.reasonCode(), null)));
                }
            }
        }
        ObjectNode poison = JSON.valueToTree(outcome("cust-" + RUN + "-poison", "o-poison", OutcomeKind.CANCELLED, during));
        poison.put("outcome", "VANISHED");
        records.add(ReportingTestSupport.record(TOPICS.outcomes(), "cust-" + RUN + "-poison", "poison",
                EventTypes.CUSTOMER_OUTCOME_RECORDED, JSON.writeValueAsBytes(poison)));
        ReportingTestSupport.publish(records);
        service = ReportingTestSupport.start(TOPICS, "reporting_churn_" + RUN, "reporting-churn-" + RUN);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theChurnReportCountsEachOutcomeOnceByTheCategoryOfTheAnswerBefore() throws Exception {
        String range = "from=" + FROM + "&to=" + TO;
        await().atMost(Duration.ofSeconds(90)).until(() -> churned(get("churn?" + range)) == 12);

        JsonNode churn = get("churn?" + range);
        JsonNode detractors = group(churn, "DETRACTOR");
        assertThat(detractors.path("customers").asLong()).isEqualTo(40);
        assertThat(detractors.path("cancelled").asLong()).as("a redelivery and a repost change nothing").isEqualTo(10);
        assertThat(detractors.path("downgraded").asLong()).isEqualTo(4);
        assertThat(detractors.path("cancelledRate").asDouble()).isEqualTo(0.25);
        assertThat(detractors.path("cancelledLower").asDouble()).isLessThan(0.25);
        assertThat(detractors.path("insufficient").asBoolean()).isFalse();
        JsonNode promoters = group(churn, "PROMOTER");
        assertThat(promoters.path("cancelled").asLong()).isEqualTo(2);
        assertThat(promoters.path("withOutcome").asLong()).isEqualTo(22);
        assertThat(group(churn, "PASSIVE").path("insufficient").asBoolean()).isTrue();
        assertThat(churn.path("byTheme").get(0).path("theme").asString()).isEqualTo("price");
        assertThat(churn.path("byTheme").get(0).path("difference").asDouble()).isCloseTo(0.25 - 0.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(churn.path("byTheme").get(0).path("adjustedPValue").asDouble()).isLessThan(0.05);
        assertThat(churn.path("denominator").asString()).contains("at least one answer");

        assertThat(text("churn?view=theme&format=csv&" + range)).startsWith("theme,customersWith,cancelledWith,");
        assertThat(text("churn?view=revenue&format=csv&" + range)).startsWith("category,currency,cancelled,cancelledShare");
        assertThat(ask("churn?view=sideways").statusCode()).isEqualTo(400);

        JsonNode revenue = get("revenue-at-risk?" + range);
        assertThat(revenue.path("churnRates")).anySatisfy(rate -> {
            assertThat(rate.path("category").asString()).isEqualTo("DETRACTOR");
            assertThat(rate.path("source").asString()).as("only 14 detractors have an outcome").isEqualTo("assumed");
        });
        assertThat(get("monthly?month=" + FROM.toString().substring(0, 7)).path("churn")).isEqualTo(churn);
    }

    @Test
    void aPoisonOutcomeGoesAloneToTheDeadLetterTopic() {
        List<ConsumerRecord<byte[], byte[]>> dead = ReportingBatchesIntegrationTests.deadLetters(TOPICS.outcomes());

        assertThat(dead).singleElement().satisfies(record ->
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("o-poison"));
    }

    static long churned(JsonNode churn) {
        long cancelled = 0;
        for (JsonNode row : churn.path("byCategory")) {
            cancelled += row.path("cancelled").asLong();
        }
        return cancelled;
    }

    static JsonNode group(JsonNode churn, String group) {
        for (JsonNode row : churn.path("byCategory")) {
            if (group.equals(row.path("group").asString())) {
                return row;
            }
        }
        throw new AssertionError("no group " + group);
    }

    JsonNode get(String path) throws Exception {
        return JSON.readTree(text(path));
    }

    String text(String path) throws Exception {
        HttpResponse<String> response = ask(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    HttpResponse<String> ask(String path) throws Exception {
        URI uri = URI.create("http://localhost:" + ReportingTestSupport.port(service) + "/api/v1/reports/" + path);
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + ANALYST).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static ResponseScored scored(String customer, String responseId, int score, String comment, Instant at) {
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored(UUID.randomUUID().toString(), EventTypes.RESPONSE_SCORED, 1, at, "survey", responseId, 1, null,
                customer, null, null, score, category, null, null, null, comment, "email", "support", Map.of("region", "north"),
                new Money(new BigDecimal("120.00"), "EUR"));
    }

    static CustomerOutcomeRecorded outcome(String customer, String outcomeId, OutcomeKind kind, Instant at) {
        return new CustomerOutcomeRecorded(UUID.randomUUID().toString(), EventTypes.CUSTOMER_OUTCOME_RECORDED,
                CustomerOutcomeRecorded.SCHEMA_VERSION, at, at.plusSeconds(5), "billing", outcomeId, customer, null, kind,
                new Money(new BigDecimal("120.00"), "EUR"), "price", Map.of("plan", "pro"));
    }

    static ProducerRecord<String, byte[]> outcomeRecord(CustomerOutcomeRecorded outcome) {
        return ReportingTestSupport.record(TOPICS.outcomes(), outcome.customerId(), outcome.eventId(), outcome.eventType(), outcome);
    }
}
