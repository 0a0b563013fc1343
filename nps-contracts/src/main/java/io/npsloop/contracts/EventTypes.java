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

    private EventTypes() {
    }
}
