package io.npsloop.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stable event type names, used both in each event's {@code eventType} field and in the
 * CloudEvents {@code ce_type} header. They are strings, not class names, so that renaming a Java
 * package is never a protocol change.
 */
public final class EventTypes {

    public static final String RESPONSE_SUBMITTED = "io.npsloop.response.submitted";
    public static final String RESPONSE_SCORED = "io.npsloop.response.scored";
    public static final String NPS_METRICS_UPDATED = "io.npsloop.nps.metrics.updated";
    public static final String DETRACTOR_ALERT_RAISED = "io.npsloop.alert.raised";
    public static final String CASE_OPENED = "io.npsloop.case.opened";
    public static final String CASE_STATUS_CHANGED = "io.npsloop.case.status.changed";
    public static final String CONTACT_ATTEMPTED = "io.npsloop.case.contact.attempted";
    public static final String ROOT_CAUSE_CODED = "io.npsloop.case.root.cause.coded";
    public static final String INCENTIVE_OFFERED = "io.npsloop.case.incentive.offered";
    public static final String LOOP_CLOSED = "io.npsloop.case.loop.closed";
    public static final String RESURVEY_REQUESTED = "io.npsloop.case.resurvey.requested";
    public static final String ADVOCACY_TASK_CREATED = "io.npsloop.case.advocacy.created";
    public static final String CUSTOMER_ERASURE_REQUESTED = "io.npsloop.customer.erasure.requested";
    public static final String CUSTOMER_ERASED = "io.npsloop.customer.erased";
    public static final String CUSTOMER_OUTCOME_RECORDED = "io.npsloop.customer.outcome.recorded";

    /** Where the JSON Schema of each event type is on the classpath, under {@link #SCHEMA_BASE_URI}. */
    public static final String SCHEMA_BASE_URI = "https://npsloop.io/schemas/";

    private static final Map<String, String> SCHEMA_FILES = Map.ofEntries(
            Map.entry(RESPONSE_SUBMITTED, "ResponseSubmitted.schema.json"),
            Map.entry(RESPONSE_SCORED, "ResponseScored.schema.json"),
            Map.entry(NPS_METRICS_UPDATED, "NpsMetricsUpdated.schema.json"),
            Map.entry(DETRACTOR_ALERT_RAISED, "DetractorAlertRaised.schema.json"),
            Map.entry(CASE_OPENED, "CaseOpened.schema.json"),
            Map.entry(CASE_STATUS_CHANGED, "CaseStatusChanged.schema.json"),
            Map.entry(CONTACT_ATTEMPTED, "ContactAttempted.schema.json"),
            Map.entry(ROOT_CAUSE_CODED, "RootCauseCoded.schema.json"),
            Map.entry(INCENTIVE_OFFERED, "IncentiveOffered.schema.json"),
            Map.entry(LOOP_CLOSED, "LoopClosed.schema.json"),
            Map.entry(RESURVEY_REQUESTED, "ResurveyRequested.schema.json"),
            Map.entry(ADVOCACY_TASK_CREATED, "AdvocacyTaskCreated.schema.json"),
            Map.entry(CUSTOMER_ERASURE_REQUESTED, "CustomerErasureRequested.schema.json"),
            Map.entry(CUSTOMER_ERASED, "CustomerErased.schema.json"),
            Map.entry(CUSTOMER_OUTCOME_RECORDED, "CustomerOutcomeRecorded.schema.json"));

    private EventTypes() {
    }

    /**
     * The schema file of an event type ({@code schemas/<file>} on the classpath, {@code $id}
     * {@link #SCHEMA_BASE_URI}{@code <file>}), or empty for a type this version does not know.
     */
    public static Optional<String> schemaFile(String eventType) {
        return Optional.ofNullable(SCHEMA_FILES.get(eventType));
    }

    /** Every event type with a schema. */
    public static Set<String> all() {
        return SCHEMA_FILES.keySet();
    }
}
