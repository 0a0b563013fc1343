package io.npsloop.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event JSON Schemas as the tests load them: from the classpath only (their {@code $id}s map
 * onto {@code schemas/}, so no {@code $ref} ever goes to the network), with format assertions on,
 * so that {@code date-time} and {@code date} are checked rather than only annotated.
 */
final class EventSchemas {

    static final String BASE_URI = EventTypes.SCHEMA_BASE_URI;

    /** Every event record and the event type it carries. */
    static final Map<Class<? extends Record>, String> EVENT_TYPES = Map.ofEntries(
            Map.entry(ResponseSubmitted.class, EventTypes.RESPONSE_SUBMITTED),
            Map.entry(ResponseScored.class, EventTypes.RESPONSE_SCORED),
            Map.entry(NpsMetricsUpdated.class, EventTypes.NPS_METRICS_UPDATED),
            Map.entry(DetractorAlertRaised.class, EventTypes.DETRACTOR_ALERT_RAISED),
            Map.entry(CaseOpened.class, EventTypes.CASE_OPENED),
            Map.entry(CaseStatusChanged.class, EventTypes.CASE_STATUS_CHANGED),
            Map.entry(ContactAttempted.class, EventTypes.CONTACT_ATTEMPTED),
            Map.entry(RootCauseCoded.class, EventTypes.ROOT_CAUSE_CODED),
            Map.entry(IncentiveOffered.class, EventTypes.INCENTIVE_OFFERED),
            Map.entry(LoopClosed.class, EventTypes.LOOP_CLOSED),
            Map.entry(ResurveyRequested.class, EventTypes.RESURVEY_REQUESTED),
            Map.entry(AdvocacyTaskCreated.class, EventTypes.ADVOCACY_TASK_CREATED),
            Map.entry(CustomerErasureRequested.class, EventTypes.CUSTOMER_ERASURE_REQUESTED),
            Map.entry(CustomerErased.class, EventTypes.CUSTOMER_ERASED),
            Map.entry(CustomerOutcomeRecorded.class, EventTypes.CUSTOMER_OUTCOME_RECORDED));

    /** Spring Boot 4's defaults are Jackson 3's: ISO-8601 instants, unknown properties ignored. */
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
                    .schemaLoader(loader -> loader
                            .fetchRemoteResources(false)
                            .schemaIdResolvers(ids -> ids.mapPrefix(BASE_URI, "classpath:schemas/"))));

    private EventSchemas() {
    }

    static String fileName(Class<?> type) {
        return type.getSimpleName() + ".schema.json";
    }

    static Schema schemaOf(Class<?> eventType) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE_URI + fileName(eventType)));
    }

    static List<Error> validate(Class<?> eventType, JsonNode json) {
        return schemaOf(eventType).validate(json);
    }

    /** The schema file itself, as a JSON tree, for the tests that compare it with the records. */
    static JsonNode document(String fileName) {
        try (InputStream in = EventSchemas.class.getResourceAsStream("/schemas/" + fileName)) {
            if (in == null) {
                throw new IllegalStateException("No schemas/" + fileName + " on the classpath");
            }
            return MAPPER.readTree(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
