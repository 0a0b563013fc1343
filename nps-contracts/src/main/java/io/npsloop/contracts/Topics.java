package io.npsloop.contracts;

/**
 * Logical, versioned topic names. A breaking change to an event gets a new topic version rather
 * than an in-place change, so consumers can migrate one at a time.
 */
public final class Topics {

    /** Submitted and revised survey responses; produced by survey-ingest. */
    public static final String RESPONSES = "nps.responses.v1";

    /** One classified response per submission or revision; produced by scoring-service. */
    public static final String SCORED = "nps.scored.v1";

    /** Current NPS figures per segment and period, latest record per key wins; produced by scoring-service. */
    public static final String METRICS = "nps.metrics.v1";

    /** Alerts raised on unhappy customers; produced by alerting-service. */
    public static final String ALERTS = "nps.alerts.v1";

    /** Follow-up case state changes; produced by followup-service. */
    public static final String FOLLOWUPS = "nps.followups.v1";

    /** Requests to erase a customer's personal data, and each service's receipt; produced by survey-ingest and every service. */
    public static final String ERASURES = "nps.erasures.v1";

    /** Customer outcomes (cancellations, downgrades, renewals) posted by business systems; produced by survey-ingest. */
    public static final String OUTCOMES = "nps.outcomes.v1";

    /** Suffix of the dead-letter topic that belongs to each topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
