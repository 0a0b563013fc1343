package io.npsloop.platform.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.npsloop.contracts.EventTypes;
import tools.jackson.databind.JsonNode;

/**
 * The published JSON Schemas of the events (nps-contracts, {@code schemas/}), applied to what a
 * consumer receives. Loaded from the classpath only ({@code $id}s map onto {@code schemas/}, no
 * {@code $ref} goes to the network), with format assertions on, so a malformed {@code date-time}
 * fails as a wrong type does. The schemas allow unknown properties, so a newer producer adding a
 * field does not break an older consumer.
 */
public final class EventContracts {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemaLoader(loader -> loader
                            .fetchRemoteResources(false)
                            .schemaIdResolvers(ids -> ids.mapPrefix(EventTypes.SCHEMA_BASE_URI, "classpath:schemas/"))));

    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * What in the event breaks its type's schema, one line per problem ({@code /score: must have a
     * maximum value of 10}); empty when it conforms, or when its {@code eventType} is missing or
     * unknown (then there is no schema to hold it to, and the consumer decides). The lines name
     * locations and rules, never values: they end up in logs and dead-letter headers.
     */
    public List<String> violations(JsonNode event) {
        JsonNode type = event.get("eventType");
        if (type == null || !type.isString()) {
            return List.of();
        }
        Optional<Schema> schema = schemaOf(type.asString());
        if (schema.isEmpty()) {
            return List.of();
        }
        return schema.get().validate(event).stream().map(EventContracts::describe).toList();
    }

    private Optional<Schema> schemaOf(String eventType) {
        return EventTypes.schemaFile(eventType).map(file -> schemas.computeIfAbsent(eventType,
                type -> REGISTRY.getSchema(SchemaLocation.of(EventTypes.SCHEMA_BASE_URI + file))));
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() || location.equals("$") ? "/" : location) + ": " + error.getMessage();
    }
}
