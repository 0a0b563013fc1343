package io.npsloop.contracts;

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

    private EventTypes() {
    }
}
