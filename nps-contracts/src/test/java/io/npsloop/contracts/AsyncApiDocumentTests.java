package io.npsloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asyncapi.yaml} is a valid AsyncAPI 3.0.0 document that describes every topic of
 * {@link Topics} and its dead-letter topic, who produces and who consumes each event, the event
 * schemas as payloads and the CloudEvents headers of {@link CloudEventHeaders}.
 */
class AsyncApiDocumentTests {

    private static final String DOCUMENT = "asyncapi.yaml";

    private static final Set<String> SERVICES = Set.of("survey-ingest", "scoring-service", "alerting-service",
            "followup-service", "reporting-service");

    /** Who produces and who consumes each topic, from the design's service table. */
    private static final Map<String, Topology> TOPOLOGY = Map.of(
            Topics.RESPONSES, new Topology(Set.of("survey-ingest"), Set.of("scoring-service")),
            Topics.SCORED, new Topology(Set.of("scoring-service"),
                    Set.of("alerting-service", "followup-service", "reporting-service")),
            Topics.METRICS, new Topology(Set.of("scoring-service"), Set.of("reporting-service")),
            Topics.ALERTS, new Topology(Set.of("alerting-service"), Set.of("followup-service", "reporting-service")),
            Topics.FOLLOWUPS, new Topology(Set.of("followup-service"), Set.of("reporting-service")),
            Topics.OUTCOMES, new Topology(Set.of("survey-ingest"), Set.of("reporting-service")),
            // survey-ingest requests an erasure; every service performs it and sends its receipt.
            Topics.ERASURES, new Topology(SERVICES, SERVICES));

    /**
     * Who sends and who acts on each event. Every event has one producing service, except the
     * erasure receipt, which each service sends for itself; only survey-ingest reads the receipts.
     */
    private static final Map<String, Topology> EVENT_FLOW = Map.ofEntries(
            Map.entry("ResponseSubmitted", TOPOLOGY.get(Topics.RESPONSES)),
            Map.entry("ResponseScored", TOPOLOGY.get(Topics.SCORED)),
            Map.entry("NpsMetricsUpdated", TOPOLOGY.get(Topics.METRICS)),
            Map.entry("DetractorAlertRaised", TOPOLOGY.get(Topics.ALERTS)),
            Map.entry("CaseOpened", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("CaseStatusChanged", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("ContactAttempted", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("RootCauseCoded", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("IncentiveOffered", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("LoopClosed", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("ResurveyRequested", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("AdvocacyTaskCreated", TOPOLOGY.get(Topics.FOLLOWUPS)),
            Map.entry("CustomerErasureRequested", new Topology(Set.of("survey-ingest"), SERVICES)),
            Map.entry("CustomerErased", new Topology(SERVICES, Set.of("survey-ingest"))),
            Map.entry("CustomerOutcomeRecorded", TOPOLOGY.get(Topics.OUTCOMES)));

    private final JsonNode document = load();

    @Test
    void documentIsAsyncApi300() {
        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
    }

    @Test
    void documentIsValidAgainstTheAsyncApi300Schema() {
        assertThat(asyncApiSchema().validate(document)).isEmpty();
    }

    @Test
    void asyncApiSchemaRejectsAnAsyncApi2Operation() {
        // Guards the check above: the vendored schema must be able to fail.
        ObjectNode broken = (ObjectNode) document.deepCopy();
        ((ObjectNode) broken.get("operations").get("surveyIngestSendsResponses")).put("action", "publish");

        assertThat(asyncApiSchema().validate(broken)).isNotEmpty();
    }

    @Test
    void everyTopicAndItsDeadLetterTopicHaveAChannel() {
        Set<String> expected = new LinkedHashSet<>();
        for (String topic : topics()) {
            expected.add(topic);
            expected.add(Topics.deadLetter(topic));
        }

        assertThat(topics()).hasSize(7);
        assertThat(channelsByAddress().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void kafkaBindingOfEachChannelNamesItsTopic() {
        channelsByAddress().forEach((address, channel) -> assertThat(
                channel.at("/bindings/kafka/topic").asString()).as(address).isEqualTo(address));
    }

    @Test
    void everyChannelHasAProducer() {
        Map<String, List<String>> senders = servicesByChannel("send");

        assertThat(senders.keySet()).containsExactlyInAnyOrderElementsOf(channelsByAddress().keySet());
    }

    @Test
    void aServiceHasAtMostOneOperationPerActionAndChannel() {
        // One consumer (one group, one binding) per service and topic: a second receive operation
        // would describe a second consumer that does not exist.
        for (String action : List.of("send", "receive")) {
            servicesByChannel(action).forEach((address, services) -> assertThat(services)
                    .as("%s operations on %s", action, address).doesNotHaveDuplicates());
        }
    }

    @Test
    void producersAndConsumersAreTheDesignedOnes() {
        Map<String, List<String>> senders = servicesByChannel("send");
        Map<String, List<String>> receivers = servicesByChannel("receive");

        assertThat(TOPOLOGY.keySet()).containsExactlyInAnyOrderElementsOf(topics());
        TOPOLOGY.forEach((topic, topology) -> {
            assertThat(senders.get(topic)).as("producers of %s", topic)
                    .containsExactlyInAnyOrderElementsOf(topology.producers());
            assertThat(receivers.get(topic)).as("consumers of %s", topic)
                    .containsExactlyInAnyOrderElementsOf(topology.consumers());
            // The binder of each consumer group dead-letters the records that group cannot process.
            assertThat(senders.get(Topics.deadLetter(topic))).as("senders to %s", Topics.deadLetter(topic))
                    .containsExactlyInAnyOrderElementsOf(topology.consumers());
        });
    }

    @Test
    void eachEventIsSentAndReceivedByTheDesignedServices() {
        Map<String, Set<String>> senders = servicesByMessage("send");
        Map<String, Set<String>> receivers = servicesByMessage("receive");

        assertThat(EVENT_FLOW.keySet()).containsExactlyInAnyOrderElementsOf(
                EventSchemas.EVENT_TYPES.keySet().stream().map(Class::getSimpleName).toList());
        EVENT_FLOW.forEach((event, flow) -> {
            assertThat(senders.get(event)).as("producers of %s", event)
                    .containsExactlyInAnyOrderElementsOf(flow.producers());
            assertThat(receivers.get(event)).as("consumers of %s", event)
                    .containsExactlyInAnyOrderElementsOf(flow.consumers());
        });
    }

    @Test
    void operationMessagesAreMessagesOfTheOperationsChannel() {
        document.get("operations").propertyStream().forEach(entry -> {
            String channel = entry.getValue().at("/channel/$ref").asString();
            assertThat(entry.getValue().get("messages")).as(entry.getKey()).isNotEmpty();
            entry.getValue().get("messages").forEach(message -> assertThat(message.get("$ref").asString())
                    .as(entry.getKey())
                    .startsWith(channel + "/messages/"));
        });
    }

    @Test
    void consumerGroupOfAReceiveOperationIsTheServiceName() {
        for (JsonNode operation : operations("receive")) {
            assertThat(operation.at("/bindings/kafka/groupId/const").asString()).isEqualTo(service(operation));
        }
    }

    @Test
    void everyEventIsCarriedByTheTopicItsRecordNames() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("ResponseSubmitted", Topics.RESPONSES),
                Map.entry("ResponseScored", Topics.SCORED),
                Map.entry("NpsMetricsUpdated", Topics.METRICS),
                Map.entry("DetractorAlertRaised", Topics.ALERTS),
                Map.entry("CaseOpened", Topics.FOLLOWUPS),
                Map.entry("CaseStatusChanged", Topics.FOLLOWUPS),
                Map.entry("ContactAttempted", Topics.FOLLOWUPS),
                Map.entry("RootCauseCoded", Topics.FOLLOWUPS),
                Map.entry("IncentiveOffered", Topics.FOLLOWUPS),
                Map.entry("LoopClosed", Topics.FOLLOWUPS),
                Map.entry("ResurveyRequested", Topics.FOLLOWUPS),
                Map.entry("AdvocacyTaskCreated", Topics.FOLLOWUPS),
                Map.entry("CustomerErasureRequested", Topics.ERASURES),
                Map.entry("CustomerErased", Topics.ERASURES),
                Map.entry("CustomerOutcomeRecorded", Topics.OUTCOMES));
        Map<String, String> carried = new TreeMap<>();
        channelsByAddress().forEach((address, channel) -> {
            if (topics().contains(address)) {
                channel.get("messages").forEach(message -> carried.put(resolve(message).get("name").asString(), address));
            }
        });

        assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(
                EventSchemas.EVENT_TYPES.keySet().stream().map(Class::getSimpleName).toList());
        assertThat(carried).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void everyPayloadRefPointsToASchemaOnTheClasspath() {
        List<String> refs = new ArrayList<>();
        document.at("/components/messages").forEach(message -> {
            JsonNode ref = message.at("/payload/schema/$ref");
            if (!ref.isMissingNode()) {
                refs.add(ref.asString());
            }
        });

        assertThat(refs).hasSize(EventSchemas.EVENT_TYPES.size());
        for (String ref : refs) {
            assertThat(getClass().getResource("/" + URI.create(DOCUMENT).resolve(ref)))
                    .as("payload schema %s", ref)
                    .isNotNull();
        }
    }

    @Test
    void eventMessagesUseTheirRecordsSchemaAndEventType() {
        for (Map.Entry<Class<? extends Record>, String> event : EventSchemas.EVENT_TYPES.entrySet()) {
            String name = event.getKey().getSimpleName();
            JsonNode message = document.at("/components/messages/" + name);

            assertThat(message.at("/payload/schemaFormat").asString())
                    .isEqualTo("application/schema+json;version=2020-12");
            assertThat(message.at("/payload/schema/$ref").asString()).isEqualTo("./schemas/" + EventSchemas.fileName(event.getKey()));
            assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asString()).as(name)
                    .isEqualTo(event.getValue());
            assertThat(message.at("/headers/allOf/0/$ref").asString()).isEqualTo("#/components/schemas/CloudEventHeaders");
        }
    }

    @Test
    void messageExamplesAreValidEventsThatReadAsRecords() {
        for (Class<? extends Record> type : EventSchemas.EVENT_TYPES.keySet()) {
            JsonNode examples = document.at("/components/messages/" + type.getSimpleName() + "/examples");
            assertThat(examples.size()).as(type.getSimpleName()).isPositive();
            for (JsonNode example : examples) {
                assertThat(EventSchemas.validate(type, example.get("payload"))).as(type.getSimpleName()).isEmpty();
                assertThat(EventSchemas.MAPPER.treeToValue(example.get("payload"), type)).isInstanceOf(type);
            }
        }
    }

    @Test
    void cloudEventsHeadersAreThoseOfCloudEventHeaders() {
        JsonNode headers = document.at("/components/schemas/CloudEventHeaders");

        assertThat(strings(headers.get("required"))).containsExactlyInAnyOrder(CloudEventHeaders.ID,
                CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE, CloudEventHeaders.TIME,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.CONTENT_TYPE);
        assertThat(headers.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(
                constants(CloudEventHeaders.class, name -> !name.equals("SPEC_VERSION_1_0")));
        assertThat(headers.at("/properties/ce_specversion/const").asString())
                .isEqualTo(CloudEventHeaders.SPEC_VERSION_1_0);
    }

    @Test
    void deadLettersCarryTheBindersExceptionHeaders() {
        JsonNode headers = document.at("/components/messages/DeadLetter/headers/$ref");
        JsonNode schema = document.at(headers.asString().substring(1));

        assertThat(strings(schema.get("required"))).containsExactlyInAnyOrder("x-exception-message",
                "x-exception-fqcn", "x-original-topic", "x-original-partition", "x-original-offset");
        channelsByAddress().forEach((address, channel) -> {
            if (address.endsWith(Topics.DLQ_SUFFIX)) {
                assertThat(channel.get("messages").propertyNames()).as(address).containsExactly("DeadLetter");
            }
        });
    }

    @Test
    void metricsKeyDescribesNpsMetricsUpdatedKey() {
        String pattern = document.at("/components/messages/NpsMetricsUpdated/bindings/kafka/key/pattern").asString();

        assertThat(EventSamples.npsMetricsUpdated().key()).matches(Pattern.compile(pattern));
        assertThat("region|EMEA|ROLLING_30D").doesNotMatch(Pattern.compile(pattern));
    }

    @Test
    void everyLocalRefResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs.stream().filter(ref -> ref.startsWith("#/")).toList()) {
            assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private Map<String, JsonNode> channelsByAddress() {
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        document.get("channels").forEach(channel -> channels.put(channel.get("address").asString(), channel));
        return channels;
    }

    private List<JsonNode> operations(String action) {
        List<JsonNode> operations = new ArrayList<>();
        document.get("operations").forEach(operation -> {
            if (operation.get("action").asString().equals(action)) {
                operations.add(operation);
            }
        });
        return operations;
    }

    /** Channel address to the services (operation tags) that perform the action on it. */
    private Map<String, List<String>> servicesByChannel(String action) {
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (JsonNode operation : operations(action)) {
            String address = resolve(operation.get("channel")).get("address").asString();
            services.computeIfAbsent(address, key -> new ArrayList<>()).add(service(operation));
        }
        return services;
    }

    /** Message (component) name to the services that perform the action on it. */
    private Map<String, Set<String>> servicesByMessage(String action) {
        Map<String, Set<String>> services = new TreeMap<>();
        for (JsonNode operation : operations(action)) {
            operation.get("messages").forEach(message -> services
                    .computeIfAbsent(resolve(resolve(message)).get("name").asString(), key -> new LinkedHashSet<>())
                    .add(service(operation)));
        }
        return services;
    }

    private static String service(JsonNode operation) {
        assertThat(operation.get("tags").size()).isEqualTo(1);
        return operation.get("tags").get(0).get("name").asString();
    }

    private JsonNode resolve(JsonNode maybeRef) {
        JsonNode ref = maybeRef.get("$ref");
        return ref == null ? maybeRef : document.at(ref.asString().substring(1));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asString());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static Set<String> topics() {
        return constants(Topics.class, name -> !name.equals("DLQ_SUFFIX"));
    }

    /** The values of a class's public static final String constants whose names pass the filter. */
    private static Set<String> constants(Class<?> type, Predicate<String> names) {
        return Arrays.stream(type.getFields())
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
                .filter(field -> names.test(field.getName()))
                .map(AsyncApiDocumentTests::value)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static Schema asyncApiSchema() {
        try (InputStream in = AsyncApiDocumentTests.class.getResourceAsStream("/asyncapi-spec/asyncapi-3.0.0.schema.json")) {
            assertThat(in).isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                    registry -> registry.schemaLoader(loader -> loader.fetchRemoteResources(false))).getSchema(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static JsonNode load() {
        try (InputStream in = AsyncApiDocumentTests.class.getResourceAsStream("/" + DOCUMENT)) {
            assertThat(in).as(DOCUMENT).isNotNull();
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return EventSchemas.MAPPER.valueToTree(yaml);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private record Topology(Set<String> producers, Set<String> consumers) {
    }
}
