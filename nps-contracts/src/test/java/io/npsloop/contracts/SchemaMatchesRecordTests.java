package io.npsloop.contracts;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each JSON Schema describes exactly the components of its record: adding, renaming or changing the
 * nullability of a record component without the schema fails the build, and so does a new event
 * record without a schema.
 */
class SchemaMatchesRecordTests {

    private static final String PACKAGE = ResponseSubmitted.class.getPackageName();

    static Stream<Class<? extends Record>> eventTypes() {
        return EventSchemas.EVENT_TYPES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaPropertiesAreTheRecordComponents(Class<? extends Record> type) {
        JsonNode schema = EventSchemas.document(EventSchemas.fileName(type));

        assertThat(propertyNames(schema)).isEqualTo(RecordComponents.names(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void requiredPropertiesAreTheComponentsThatAreNotNullable(Class<? extends Record> type) {
        JsonNode schema = EventSchemas.document(EventSchemas.fileName(type));

        assertThat(required(schema)).isEqualTo(RecordComponents.nonNullable(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaAllowsFieldsAddedLater(Class<? extends Record> type) {
        JsonNode schema = EventSchemas.document(EventSchemas.fileName(type));

        assertThat(schema.get("additionalProperties").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaPinsTheEventTypeAndSchemaVersionOfTheRecord(Class<? extends Record> type) throws ReflectiveOperationException {
        JsonNode properties = EventSchemas.document(EventSchemas.fileName(type)).get("properties");
        int schemaVersion = type.getField("SCHEMA_VERSION").getInt(null);

        assertThat(properties.get("eventType").get("const").asString()).isEqualTo(EventSchemas.EVENT_TYPES.get(type));
        assertThat(properties.get("schemaVersion").get("const").asInt()).isEqualTo(schemaVersion);
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaIdNamesTheFileItIsIn(Class<? extends Record> type) {
        JsonNode schema = EventSchemas.document(EventSchemas.fileName(type));

        assertThat(schema.get("$id").asString()).isEqualTo(EventSchemas.BASE_URI + EventSchemas.fileName(type));
        assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void defaultMapperWritesExactlyTheRecordComponents(Class<? extends Record> type) {
        // Guards against an accessor such as key() or a future getX() leaking into the JSON form.
        JsonNode json = EventSchemas.MAPPER.valueToTree(EventSamples.of(type));

        assertThat(new LinkedHashSet<>(json.propertyNames())).isEqualTo(RecordComponents.names(type));
    }

    @Test
    void moneyAndContactDefinitionsAreTheirRecordComponents() {
        JsonNode definitions = EventSchemas.document("common.schema.json").get("$defs");

        assertThat(propertyNames(definitions.get("Money"))).isEqualTo(RecordComponents.names(Money.class));
        assertThat(required(definitions.get("Money"))).isEqualTo(RecordComponents.nonNullable(Money.class));
        assertThat(propertyNames(definitions.get("Contact"))).isEqualTo(RecordComponents.names(Contact.class));
        assertThat(required(definitions.get("Contact"))).isEqualTo(RecordComponents.nonNullable(Contact.class));
    }

    @Test
    void enumDefinitionsListTheEnumConstants() {
        JsonNode definitions = EventSchemas.document("common.schema.json").get("$defs");

        assertThat(strings(definitions.get("Category").get("enum"))).isEqualTo(constants(Category.class));
        assertThat(strings(definitions.get("Severity").get("enum"))).isEqualTo(constants(Severity.class));
        assertThat(strings(definitions.get("OutcomeKind").get("enum"))).isEqualTo(constants(OutcomeKind.class));
    }

    @Test
    void jspecifyNullableIsSeenOnRecordComponents() {
        assertThat(RecordComponents.nullable(Contact.class)).containsExactly("name", "email", "phone");
        assertThat(RecordComponents.nullable(ResponseScored.class)).contains("previousScore", "previousCategory")
                .doesNotContain("customerId", "score");
    }

    @Test
    void everyEventRecordHasASchema() throws IOException, URISyntaxException {
        Path contracts = Path.of(ResponseSubmitted.class.getResource("ResponseSubmitted.class").toURI()).getParent();
        List<Class<?>> eventRecords;
        try (Stream<Path> files = Files.list(contracts)) {
            eventRecords = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> load(PACKAGE + "." + name.substring(0, name.length() - ".class".length())))
                    .filter(type -> type.isRecord() && hasComponent(type, "eventType"))
                    .collect(Collectors.toList());
        }

        assertThat(eventRecords).containsExactlyInAnyOrderElementsOf(EventSchemas.EVENT_TYPES.keySet());
        for (Class<?> type : eventRecords) {
            assertThat(SchemaMatchesRecordTests.class.getResource("/schemas/" + EventSchemas.fileName(type)))
                    .as("schema of %s", type.getSimpleName())
                    .isNotNull();
        }
    }

    private static Set<String> propertyNames(JsonNode schema) {
        return new LinkedHashSet<>(schema.get("properties").propertyNames());
    }

    private static Set<String> required(JsonNode schema) {
        return strings(schema.get("required"));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static Set<String> constants(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static boolean hasComponent(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents()).anyMatch(component -> component.getName().equals(name));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
