package io.npsloop.launcher;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.contracts.Severity;
import io.npsloop.contracts.Topics;
import io.npsloop.reporting.projections.Alerts;
import io.npsloop.reporting.projections.Answers;
import io.npsloop.reporting.projections.Cases;
import io.npsloop.reporting.projections.DailyFigures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;
import tools.jackson.databind.node.ObjectNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static io.npsloop.launcher.PipelineClient.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record no consumer can read never blocks its partition. Poison put on each topic the services
 * consume goes, from every consumer group of that topic, to the topic's one dead-letter topic
 * {@code <topic>.dlq} with the reason in its headers; each consuming service counts it in
 * {@code nps_deadletters_total{topic}}; it reaches each consumer once, since poison fails the same
 * way on every attempt and is not retried; and the good record behind it on the same partition is
 * processed, so every view shows it and every group's lag returns to zero.
 */
class PoisonRecordsEndToEndTests {

    /** Every consumer of the pipeline's topics, as the services' yml files bind them. */
    private static final List<Consumer> CONSUMERS = List.of(
            new Consumer(ServiceKind.SCORING, "scoreResponse-in-0", Topics.RESPONSES),
            new Consumer(ServiceKind.ALERTING, "raiseAlerts-in-0", Topics.SCORED),
            new Consumer(ServiceKind.FOLLOWUP, "closeLoops-in-0", Topics.SCORED),
            new Consumer(ServiceKind.REPORTING, "projectAnswers-in-0", Topics.SCORED),
            new Consumer(ServiceKind.REPORTING, "recordMetrics-in-0", Topics.METRICS),
            new Consumer(ServiceKind.FOLLOWUP, "openCases-in-0", Topics.ALERTS),
            new Consumer(ServiceKind.REPORTING, "projectAlerts-in-0", Topics.ALERTS),
            new Consumer(ServiceKind.REPORTING, "trackCases-in-0", Topics.FOLLOWUPS));

    private static final List<String> PIPELINE_TOPICS = List.of(Topics.RESPONSES, Topics.SCORED, Topics.METRICS, Topics.ALERTS, Topics.FOLLOWUPS);

    private static final String BAD_JSON = "{\"eventId\": this is not json";

    /** The good response: its records on every topic sit behind the poison on the same partitions. */
    private static final String CUSTOMER = "c-behind-poison";
    private static final String RESPONSE = "r-behind-poison";
    private static final String REGION = "lane-behind-poison";
    /** Yesterday, so its daily figure and the 30-day window agree whenever the test runs. */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    private static final Instant RESPONDED_AT = DAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    /** The key of the good response's daily figure for its region: dimension|segment|period|to, as {@link NpsMetricsUpdated#key()}. */
    private static final String FIGURE_KEY = "region|" + REGION + "|DAY|" + DAY;

    @TempDir
    static Path dataDir;

    private static LocalPipeline pipeline;
    private static PipelineClient client;
    private static BrokerView broker;
    private static final BindingDeliveries deliveries = new BindingDeliveries();

    @BeforeAll
    static void start() {
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        pipeline = LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of());
        client = new PipelineClient(pipeline);
        broker = new BrokerView(pipeline.kafkaBootstrapServers());
        CONSUMERS.forEach(consumer -> deliveries.watch(pipeline.context(consumer.service()), consumer.binding()));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
        pipeline.close();
    }

    /** The test below covers every consumer: one added to a service's yml must be added to {@link #CONSUMERS} too. */
    @Test
    void theConsumersCoveredAreAllTheConsumersOfThePipelineTopics() {
        Set<Consumer> bound = new HashSet<>();
        for (ServiceKind kind : ServiceKind.values()) {
            Environment environment = pipeline.context(kind).getEnvironment();
            for (String function : environment.getProperty("spring.cloud.function.definition", "").split(";")) {
                String binding = function.strip() + "-in-0";
                String destination = environment.getProperty("spring.cloud.stream.bindings." + binding + ".destination");
                if (PIPELINE_TOPICS.contains(destination)) {
                    bound.add(new Consumer(kind, binding, destination));
                }
            }
        }
        assertThat(bound).containsExactlyInAnyOrderElementsOf(CONSUMERS);
    }

    @Test
    void poisonOnEveryConsumedTopicIsDeadLetteredOncePerGroupCountedNotRetriedAndTheRecordsBehindItFlow() throws Exception {
        Map<Consumer, Double> countedBefore = deadLettersCounted();

        List<Injected> injected = new ArrayList<>();
        for (Poison poison : poisons()) {
            RecordMetadata written = broker.send(poison.topic(), poison.key(), poison.value());
            injected.add(new Injected(poison, written.partition(), written.offset()));
        }

        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", """
                {"responseId":"%s","customerId":"%s","score":2,"comment":"Waited three weeks for my delivery",
                 "channel":"email","respondedAt":"%s","attributes":{"region":"%s"},
                 "accountValue":{"amount":"1200.00","currency":"EUR"}}
                """.formatted(RESPONSE, CUSTOMER, RESPONDED_AT, REGION)).statusCode()).isEqualTo(202);

        // The good response is processed by every consumer behind the poison: scoring counts it,
        // alerting raises its alert, follow-up opens a case for the alert (reporting sees the case
        // opened), and reporting projects the answer, the alert, the case and the daily figure.
        client.awaitGet(ServiceKind.SCORING, "/api/v1/nps?window=30d&dimension=region&value=" + REGION,
                figure -> figure.path("n").asLong() == 1);
        client.awaitGet(ServiceKind.ALERTING, "/api/v1/alerts?customerId=" + CUSTOMER,
                alerts -> alerts.size() == 1 && RESPONSE.equals(alerts.get(0).path("responseId").asString()));
        Answers answers = pipeline.context(ServiceKind.REPORTING).getBean(Answers.class);
        Alerts alerts = pipeline.context(ServiceKind.REPORTING).getBean(Alerts.class);
        Cases cases = pipeline.context(ServiceKind.REPORTING).getBean(Cases.class);
        DailyFigures figures = pipeline.context(ServiceKind.REPORTING).getBean(DailyFigures.class);
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(answers.answers()).as("answers").anyMatch(answer -> RESPONSE.equals(answer.responseId()));
            assertThat(alerts.alerts()).as("alerts").anyMatch(alert -> RESPONSE.equals(alert.responseId()));
            assertThat(cases.cases()).as("cases").anyMatch(followup -> RESPONSE.equals(followup.responseId()));
            assertThat(figures.sum("region", REGION, DAY, DAY).n()).as("daily figure of " + REGION).isEqualTo(1);
        });

        // Every group has committed past the poison and everything behind it, on every topic.
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Long> lags = new LinkedHashMap<>();
            for (Consumer consumer : CONSUMERS) {
                lags.put(group(consumer) + " on " + consumer.topic(), broker.lag(group(consumer), consumer.topic()));
            }
            assertThat(lags).allSatisfy((groupOnTopic, lag) -> assertThat(lag).as("lag of " + groupOnTopic).isZero());
        });

        for (String topic : PIPELINE_TOPICS) {
            List<Injected> onTopic = injected.stream().filter(record -> record.poison().topic().equals(topic)).toList();
            assertGoodRecordIsBehindThePoison(topic, onTopic);
            assertDeadLettered(topic, onTopic);
        }

        // Each service counts each poison record of each topic it consumes once.
        Map<Consumer, Double> countedAfter = deadLettersCounted();
        for (Consumer consumer : CONSUMERS) {
            long poisoned = injected.stream().filter(record -> record.poison().topic().equals(consumer.topic())).count();
            assertThat(countedAfter.get(consumer) - countedBefore.get(consumer))
                    .as("nps_deadletters_total{topic=\"%s\"} of %s", consumer.topic(), consumer.service().serviceName())
                    .isEqualTo((double) poisoned);
        }

        // One dead-letter topic per topic, whichever group gave up (DeadLetterRouting), never the
        // binder's default error.<topic>.<group>.
        assertThat(broker.topicNames()).noneMatch(name -> name.startsWith("error."));

        // A poison record reaches each consumer once: the binder's retries (max-attempts) are for
        // transient failures only, so each attempt beyond the first would show up here.
        Map<String, Integer> delivered = new LinkedHashMap<>();
        for (Consumer consumer : CONSUMERS) {
            for (Injected record : injected) {
                if (record.poison().topic().equals(consumer.topic())) {
                    delivered.put(record.poison().what() + " on " + consumer.topic() + " to " + consumer.binding(),
                            deliveries.of(consumer.binding(), record.partition(), record.offset()));
                }
            }
        }
        assertThat(delivered).as("deliveries of each poison record to each consumer (poison is not retried)")
                .allSatisfy((poisonToConsumer, times) -> assertThat(times).as(poisonToConsumer).isEqualTo(1));
    }

    /**
     * For each topic, bad JSON and valid events with one thing wrong that every consumer of the
     * topic rejects, keyed like the good response's record on that topic so they share its partition.
     */
    private static List<Poison> poisons() {
        ObjectNode submitted = JSON.valueToTree(new ResponseSubmitted("e-poison-submitted", EventTypes.RESPONSE_SUBMITTED,
                ResponseSubmitted.SCHEMA_VERSION, RESPONDED_AT, RESPONDED_AT, "api", "r-poison", 1, null, CUSTOMER, null, null, 3,
                null, null, null, Map.of(), null));
        ObjectNode scored = JSON.valueToTree(new ResponseScored("e-poison-scored", EventTypes.RESPONSE_SCORED,
                ResponseScored.SCHEMA_VERSION, RESPONDED_AT, "api", "r-poison", 1, null, CUSTOMER, null, null, 3, Category.DETRACTOR,
                null, null, null, null, null, null, Map.of(), null));
        ObjectNode figure = JSON.valueToTree(new NpsMetricsUpdated("e-poison-figure", EventTypes.NPS_METRICS_UPDATED,
                NpsMetricsUpdated.SCHEMA_VERSION, RESPONDED_AT, "r-poison", "region", REGION, "DAY", DAY, DAY, 1, 0, 0, 1, -100.0,
                0.0, 0.0, 1));
        ObjectNode alert = JSON.valueToTree(new DetractorAlertRaised("e-poison-alert", EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, RESPONDED_AT, "a-poison", "r-poison", CUSTOMER, null, null, 3, Category.DETRACTOR,
                null, null, null, Map.of(), new Money(new BigDecimal("10.00"), "EUR"), Severity.HIGH, "customer-care",
                List.of("detractor"), RESPONDED_AT, RESPONDED_AT.plusSeconds(3600)));
        ObjectNode opened = JSON.valueToTree(new CaseOpened("e-poison-case", EventTypes.CASE_OPENED, CaseOpened.SCHEMA_VERSION,
                RESPONDED_AT, "case-poison", "a-poison", "r-poison", CUSTOMER, null, Severity.HIGH, "customer-care", 2,
                RESPONDED_AT.plusSeconds(3600), null));
        return List.of(
                new Poison(Topics.RESPONSES, "bad JSON", CUSTOMER, BAD_JSON, null),
                new Poison(Topics.RESPONSES, "a score of 42", CUSTOMER, json(submitted.deepCopy().put("score", 42)),
                        "/score: must have a maximum value of 10"),
                new Poison(Topics.RESPONSES, "no occurredAt", CUSTOMER, json(without(submitted, "occurredAt")), null),
                new Poison(Topics.SCORED, "bad JSON", CUSTOMER, BAD_JSON, null),
                new Poison(Topics.SCORED, "an unknown category", CUSTOMER, json(scored.deepCopy().put("category", "FURIOUS")), null),
                // Only the schema catches these: every field a consumer reads is plausible on its own.
                new Poison(Topics.SCORED, "a score of 42 with a plausible category", CUSTOMER, json(scored.deepCopy().put("score", 42)),
                        "/score: must have a maximum value of 10"),
                new Poison(Topics.ALERTS, "a score of 11", CUSTOMER, json(alert.deepCopy().put("score", 11)), "/score: must have a maximum value of 10"),
                new Poison(Topics.METRICS, "bad JSON", FIGURE_KEY, BAD_JSON, null),
                new Poison(Topics.METRICS, "a negative count", FIGURE_KEY, json(figure.deepCopy().put("promoters", -5)),
                        "/promoters: must have a minimum value of 0"),
                new Poison(Topics.ALERTS, "bad JSON", CUSTOMER, BAD_JSON, null),
                new Poison(Topics.ALERTS, "an unknown severity", CUSTOMER, json(alert.deepCopy().put("severity", "APOCALYPSE")), null),
                new Poison(Topics.FOLLOWUPS, "bad JSON", CUSTOMER, BAD_JSON, null),
                new Poison(Topics.FOLLOWUPS, "an unknown severity", CUSTOMER, json(opened.deepCopy().put("severity", "APOCALYPSE")), null),
                new Poison(Topics.FOLLOWUPS, "no occurredAt", CUSTOMER, json(without(opened, "occurredAt")), null));
    }

    /** The good response's record on the topic has the poison's key, so it sits on the same partition, behind it. */
    private static void assertGoodRecordIsBehindThePoison(String topic, List<Injected> poisons) throws Exception {
        Injected first = poisons.get(0);
        assertThat(poisons).as("poison on " + topic + " shares one partition").allMatch(record -> record.partition() == first.partition());
        long lastPoison = poisons.stream().mapToLong(Injected::offset).max().orElseThrow();
        List<ConsumerRecord<String, String>> behind = broker.readFrom(topic, first.partition(), lastPoison + 1);
        assertThat(behind).as("records behind the poison on %s-%d", topic, first.partition())
                .anyMatch(record -> first.poison().key().equals(record.key())
                        && RESPONSE.equals(JSON.readTree(record.value()).path("responseId").asString()));
    }

    /** Each poison record is on the topic's dead-letter topic once per consumer group, unchanged, with the reason in headers. */
    private static void assertDeadLettered(String topic, List<Injected> poisons) throws Exception {
        List<String> groups = CONSUMERS.stream().filter(consumer -> consumer.topic().equals(topic)).map(PoisonRecordsEndToEndTests::group).toList();
        List<ConsumerRecord<String, String>> deadLetters = broker.readAll(Topics.deadLetter(topic));
        for (Injected poison : poisons) {
            List<ConsumerRecord<String, String>> copies = deadLetters.stream()
                    .filter(record -> topic.equals(BrokerView.header(record, "x-original-topic"))
                            && BrokerView.intHeader(record, "x-original-partition") == poison.partition()
                            && BrokerView.longHeader(record, "x-original-offset") == poison.offset())
                    .toList();
            assertThat(copies).as("%s on %s: one dead letter from each group of %s", poison.poison().what(), Topics.deadLetter(topic), groups)
                    .hasSize(groups.size());
            assertThat(copies).allSatisfy(copy -> {
                assertThat(copy.key()).isEqualTo(poison.poison().key());
                assertThat(copy.value()).isEqualTo(poison.poison().value());
                assertThat(BrokerView.header(copy, "x-exception-fqcn")).isNotBlank();
                assertThat(BrokerView.header(copy, "x-exception-message")).isNotBlank();
                if (poison.poison().reason() != null) {
                    assertThat(BrokerView.header(copy, "x-exception-message")).contains(poison.poison().reason());
                }
            });
        }
    }

    /** nps_deadletters_total of each consumer's service for the consumer's topic, all reasons together. */
    private static Map<Consumer, Double> deadLettersCounted() {
        Map<Consumer, Double> counted = new LinkedHashMap<>();
        for (Consumer consumer : CONSUMERS) {
            String scrape = PipelineClient.HTTP_TEXT.apply(pipeline.url(consumer.service()) + "/actuator/prometheus");
            counted.put(consumer, scrape.lines()
                    .filter(line -> line.startsWith("nps_deadletters_total{") && line.contains("topic=\"" + consumer.topic() + "\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum());
        }
        return counted;
    }

    /** The consumer group of a binding as the service resolved it (reporting's can be overridden by NPS_REPORTING_GROUP). */
    private static String group(Consumer consumer) {
        return pipeline.context(consumer.service()).getEnvironment()
                .getRequiredProperty("spring.cloud.stream.bindings." + consumer.binding() + ".group");
    }

    private static ObjectNode without(ObjectNode event, String field) {
        ObjectNode copy = event.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static String json(ObjectNode event) {
        return JSON.writeValueAsString(event);
    }

    private record Consumer(ServiceKind service, String binding, String topic) {
    }

    private record Poison(String topic, String what, String key, String value, @Nullable String reason) {
    }

    private record Injected(Poison poison, int partition, long offset) {
    }
}
