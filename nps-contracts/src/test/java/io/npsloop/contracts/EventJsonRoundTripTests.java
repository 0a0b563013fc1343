package io.npsloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JSON form of each event, pinned in {@code events/<EventName>.json}: it reads as the record and
 * the record writes it back unchanged, with Spring Boot's default JSON mapper; and a consumer reads
 * events from a newer producer (unknown fields) or an older one (absent optional fields).
 */
class EventJsonRoundTripTests {

    static Stream<Class<? extends Record>> eventTypes() {
        return EventSchemas.EVENT_TYPES.keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void pinnedJsonReadsAsTheEvent(Class<? extends Record> type) {
        assertThat(EventSchemas.MAPPER.treeToValue(pinnedJson(type), type)).isEqualTo(EventSamples.of(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void eventWritesThePinnedJson(Class<? extends Record> type) {
        assertThat(writtenTree(EventSamples.of(type))).isEqualTo(pinnedJson(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void jsonToRecordToJsonChangesNothing(Class<? extends Record> type) {
        String json = EventSchemas.MAPPER.writeValueAsString(pinnedJson(type));

        Record event = EventSchemas.MAPPER.readValue(json, type);

        assertThat(EventSchemas.MAPPER.readTree(EventSchemas.MAPPER.writeValueAsString(event)))
                .isEqualTo(EventSchemas.MAPPER.readTree(json));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void pinnedJsonIsValidAgainstItsSchema(Class<? extends Record> type) {
        assertThat(EventSchemas.validate(type, pinnedJson(type))).isEmpty();
    }

    @Test
    void unknownPropertiesDoNotFailTheDefaultMapper() {
        assertThat(EventSchemas.MAPPER.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void fieldsFromANewerProducerAreIgnoredOnRead(Class<? extends Record> type) {
        ObjectNode json = pinnedJson(type);
        json.put("addedLater", "unknown to this consumer");
        json.putObject("addedLaterObject").put("nested", true);
        json.putArray("addedLaterList").add(1).add(2);
        if (json.get("accountValue") instanceof ObjectNode accountValue) {
            accountValue.put("minorUnits", 120000);
        }
        if (json.get("contact") instanceof ObjectNode contact) {
            contact.put("preferredLanguage", "en");
        }

        assertThat(EventSchemas.MAPPER.treeToValue(json, type)).isEqualTo(EventSamples.of(type));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void optionalFieldsAbsentInTheJsonReadAsNull(Class<? extends Record> type) {
        ObjectNode json = pinnedJson(type);
        RecordComponents.nullable(type).forEach(json::remove);

        assertThat(EventSchemas.validate(type, json)).isEmpty();
        assertThat(EventSchemas.MAPPER.treeToValue(json, type))
                .isEqualTo(RecordComponents.withNullablesCleared(EventSamples.of(type)));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void eventWithoutOptionalsRoundTrips(Class<? extends Record> type) {
        Record event = RecordComponents.withNullablesCleared(EventSamples.of(type));

        String json = EventSchemas.MAPPER.writeValueAsString(event);

        assertThat(EventSchemas.MAPPER.readValue(json, type)).isEqualTo(event);
    }

    @Test
    void eventWithoutAPrimitiveComponentCannotBeRead() {
        // Why a field added later must not be a primitive: Jackson 3 fails on the missing value.
        ObjectNode json = pinnedJson(CaseStatusChanged.class);
        json.remove("sequence");

        assertThatExceptionOfType(MismatchedInputException.class)
                .isThrownBy(() -> EventSchemas.MAPPER.treeToValue(json, CaseStatusChanged.class))
                .withMessageContaining("FAIL_ON_NULL_FOR_PRIMITIVES");
    }

    @Test
    void timestampWithAnOffsetReadsAsTheSameInstant() {
        // The schemas accept any RFC 3339 date-time, so a consumer must read offsets other than Z.
        ObjectNode json = pinnedJson(ResponseSubmitted.class);
        json.put("occurredAt", "2025-03-04T11:15:30+01:00");

        assertThat(EventSchemas.validate(ResponseSubmitted.class, json)).isEmpty();
        assertThat(EventSchemas.MAPPER.treeToValue(json, ResponseSubmitted.class).occurredAt())
                .isEqualTo(EventSamples.ANSWERED);
    }

    private static JsonNode writtenTree(Record event) {
        return EventSchemas.MAPPER.readTree(EventSchemas.MAPPER.writeValueAsString(event));
    }

    private static ObjectNode pinnedJson(Class<?> type) {
        String resource = "/events/" + type.getSimpleName() + ".json";
        try (InputStream in = EventJsonRoundTripTests.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return (ObjectNode) EventSchemas.MAPPER.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
