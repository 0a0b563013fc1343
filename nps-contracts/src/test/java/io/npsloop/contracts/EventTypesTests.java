package io.npsloop.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The schema file each event type names is the one its record is checked against, and every type has one. */
class EventTypesTests {

    @Test
    void everyEventTypeNamesTheSchemaFileOfItsRecord() {
        EventSchemas.EVENT_TYPES.forEach((type, eventType) ->
                assertThat(EventTypes.schemaFile(eventType)).as(eventType).contains(EventSchemas.fileName(type)));
        assertThat(EventTypes.all()).containsExactlyInAnyOrderElementsOf(EventSchemas.EVENT_TYPES.values());
        assertThat(EventTypes.schemaFile("io.npsloop.unknown")).isEmpty();
    }

    @Test
    void everySchemaFileIsOnTheClasspath() {
        EventTypes.all().forEach(eventType -> assertThat(EventTypes.class.getResource("/schemas/" + EventTypes.schemaFile(eventType).orElseThrow()))
                .as(eventType).isNotNull());
    }
}
