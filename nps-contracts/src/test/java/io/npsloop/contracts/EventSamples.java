package io.npsloop.contracts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One realistic instance of each event: a detractor's answer, its scoring, the figures it moved,
 * the alert it raised and the case that followed; then the customer's request to be forgotten and
 * one service's receipt for it; and the customer's cancellation, posted by the billing system.
 * {@code events/<EventName>.json} in the test
 * resources pins the JSON form of each.
 */
final class EventSamples {

    static final Instant ANSWERED = Instant.parse("2025-03-04T10:15:30Z");

    /** Nanosecond precision, as Instant.now() gives on Linux, so the schemas must accept nine fraction digits. */
    static final Instant RECEIVED = Instant.parse("2025-03-04T10:15:31.123456789Z");

    static final Contact CONTACT = new Contact("Ada Lovelace", "ada@example.com", "+44 20 7946 0000");

    static final Money ACCOUNT_VALUE = new Money(new BigDecimal("1200.00"), "EUR");

    static final Map<String, String> ATTRIBUTES = Map.of("region", "EMEA", "plan", "pro");

    private EventSamples() {
    }

    static List<Record> all() {
        return List.of(responseSubmitted(), responseScored(), npsMetricsUpdated(), detractorAlertRaised(),
                caseOpened(), caseStatusChanged(), contactAttempted(), rootCauseCoded(), incentiveOffered(), loopClosed(), resurveyRequested(), advocacyTaskCreated(),
                customerErasureRequested(), customerErased(), customerOutcomeRecorded());
    }

    static Record of(Class<? extends Record> type) {
        return all().stream().filter(type::isInstance).findFirst().orElseThrow();
    }

    static ResponseSubmitted responseSubmitted() {
        return new ResponseSubmitted("0f8e6c1e-5d7a-4d0b-9a43-2f1f8a3b6c01", EventTypes.RESPONSE_SUBMITTED,
                ResponseSubmitted.SCHEMA_VERSION, ANSWERED, RECEIVED, "webshop", "r-1001", 2, "relationship-2025",
                "c-42", "a-7", CONTACT, 3, "Delivery was two weeks late.", "email", "delivery", ATTRIBUTES,
                ACCOUNT_VALUE);
    }

    static ResponseScored responseScored() {
        return new ResponseScored("7d1c2b3a-0000-4000-8000-000000000002", EventTypes.RESPONSE_SCORED,
                ResponseScored.SCHEMA_VERSION, ANSWERED, "webshop", "r-1001", 2, "relationship-2025", "c-42", "a-7",
                CONTACT, 3, Category.DETRACTOR, 8, Category.PASSIVE, "r-0917", "Delivery was two weeks late.",
                "email", "delivery", ATTRIBUTES, ACCOUNT_VALUE);
    }

    static NpsMetricsUpdated npsMetricsUpdated() {
        // 110 promoters, 50 passives, 40 detractors: p = 0.55, d = 0.2, NPS 35,
        // standard error 100 * sqrt((0.75 - 0.35^2) / 200); scores 0-6 count 40, 7-8 count 50, 9-10 count 110.
        // Adjusted interval: p = 110.75 / 203, d = 40.75 / 203, 100 * (p - d) -/+ 1.96 * 100 * sqrt(v / 203).
        double standardError = 100 * Math.sqrt((0.55 + 0.2 - 0.35 * 0.35) / 200);
        return new NpsMetricsUpdated("7d1c2b3a-0000-4000-8000-000000000003", EventTypes.NPS_METRICS_UPDATED,
                NpsMetricsUpdated.SCHEMA_VERSION, Instant.parse("2025-03-04T10:15:32Z"), "r-1001", "region", "EMEA",
                "ROLLING_30D", LocalDate.parse("2025-02-03"), LocalDate.parse("2025-03-04"), 200, 110, 50, 40, 35.0,
                standardError, 1.96 * standardError, 200, List.of(2L, 1L, 3L, 4L, 5L, 10L, 15L, 20L, 30L, 45L, 65L),
                23.58663289244504, 45.378884348934264, false);
    }

    static DetractorAlertRaised detractorAlertRaised() {
        return new DetractorAlertRaised("7d1c2b3a-0000-4000-8000-000000000004", EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, ANSWERED, "al-9", "r-1001", "c-42", "a-7", CONTACT, 3,
                Category.DETRACTOR, "Delivery was two weeks late.", "email", "delivery", ATTRIBUTES, ACCOUNT_VALUE,
                Severity.CRITICAL, "executive", List.of("detractor-emea", "high-value-account"),
                Instant.parse("2025-03-04T10:15:33Z"), Instant.parse("2025-03-05T10:15:33Z"), "executive",
                Map.of("detractor-emea", Severity.HIGH, "high-value-account", Severity.CRITICAL),
                List.of("webhook:emea-ops", "email:emea-retention"));
    }

    static CaseOpened caseOpened() {
        return new CaseOpened("7d1c2b3a-0000-4000-8000-000000000005", EventTypes.CASE_OPENED,
                CaseOpened.SCHEMA_VERSION, Instant.parse("2025-03-04T10:15:34Z"), "case-17", "al-9", "r-1001", "c-42",
                "a-7", Severity.HIGH, "emea-retention", 2, Instant.parse("2025-03-05T10:15:33Z"), ACCOUNT_VALUE);
    }

    static CaseStatusChanged caseStatusChanged() {
        return new CaseStatusChanged("7d1c2b3a-0000-4000-8000-000000000006", EventTypes.CASE_STATUS_CHANGED,
                CaseStatusChanged.SCHEMA_VERSION, Instant.parse("2025-03-04T11:00:00Z"), "case-17", "al-9", "r-1001",
                "c-42", "emea-retention", 2, "CLAIMED", "CONTACTED", "agent-3", "Called, no answer, call back Thursday.", "agent-3");
    }
    static ContactAttempted contactAttempted() {
        return new ContactAttempted("7d1c2b3a-0000-4000-8000-000000000007", EventTypes.CONTACT_ATTEMPTED, ContactAttempted.SCHEMA_VERSION, Instant.parse("2025-03-04T11:05:00Z"), "case-17", "c-42", "r-1001", 2L, "emea-retention", "ada", "PHONE", "CALLBACK_REQUESTED", Instant.parse("2025-03-06T09:00:00Z"), 1, false, Instant.parse("2025-03-04T10:15:34Z"));
    }

    static RootCauseCoded rootCauseCoded() {
        return new RootCauseCoded("7d1c2b3a-0000-4000-8000-000000000008", EventTypes.ROOT_CAUSE_CODED, RootCauseCoded.SCHEMA_VERSION, Instant.parse("2025-03-04T11:20:00Z"), "case-17", "c-42", "r-1001", 3L, "emea-retention", "ada", List.of("delivery", "other"), "Courier left the parcel at the wrong address");
    }

    static IncentiveOffered incentiveOffered() {
        return new IncentiveOffered("7d1c2b3a-0000-4000-8000-000000000009", EventTypes.INCENTIVE_OFFERED, IncentiveOffered.SCHEMA_VERSION, Instant.parse("2025-03-04T11:25:00Z"), "case-17", "c-42", "r-1001", 4L, "emea-retention", "ada", "delivery-2025", "free-month", "delivery", "free-month", "FREE_MONTH", new Money(new BigDecimal("29.00"), "EUR"), true);
    }

    static LoopClosed loopClosed() {
        return new LoopClosed("7d1c2b3a-0000-4000-8000-000000000010", EventTypes.LOOP_CLOSED, LoopClosed.SCHEMA_VERSION, Instant.parse("2025-03-20T08:00:00Z"), "case-17", "c-42", "r-1001", 6L, "emea-retention", 3, Category.DETRACTOR, "r-2002", 9, Category.PROMOTER, "DETRACTOR->PROMOTER", Instant.parse("2025-03-20T07:59:00Z"));
    }

    static ResurveyRequested resurveyRequested() {
        return new ResurveyRequested("7d1c2b3a-0000-4000-8000-000000000011", EventTypes.RESURVEY_REQUESTED, ResurveyRequested.SCHEMA_VERSION, Instant.parse("2025-03-10T09:00:00Z"), "case-17", "c-42", "r-1001", 5L, "emea-retention", "ada", CONTACT);
    }

    static AdvocacyTaskCreated advocacyTaskCreated() {
        return new AdvocacyTaskCreated("7d1c2b3a-0000-4000-8000-000000000012", EventTypes.ADVOCACY_TASK_CREATED, AdvocacyTaskCreated.SCHEMA_VERSION, Instant.parse("2025-03-20T08:00:01Z"), "case-17", "c-42", "r-1001", 1L, "emea-retention", "REVIEW", 9, "a-7", Instant.parse("2025-03-27T08:00:01Z"));
    }

    /** survey-ingest makes up a random UUID per erasure and uses it as the request's event id too. */
    static final String ERASURE_ID = "5b0e9c43-2f6d-4a8e-9c1b-7e3d2a6f8b15";

    static CustomerErasureRequested customerErasureRequested() {
        return new CustomerErasureRequested(ERASURE_ID, EventTypes.CUSTOMER_ERASURE_REQUESTED,
                CustomerErasureRequested.SCHEMA_VERSION, Instant.parse("2025-04-02T09:30:00Z"), ERASURE_ID, "c-42",
                "privacy-admin");
    }

    static CustomerErased customerErased() {
        // alerting-service's stores of the customer: the alert, its per-customer index, the scored
        // answers it matched rules against and the notifications sent about the alert. The event id
        // is the name-based UUID of "<erasureId>|<service>", so a repeated receipt has the same one.
        return new CustomerErased("e646424f-3d74-3388-8f37-99113214d057", EventTypes.CUSTOMER_ERASED,
                CustomerErased.SCHEMA_VERSION, Instant.parse("2025-04-02T09:30:02.417Z"), ERASURE_ID, "alerting-service",
                Map.of("alerts", 1L, "customer_alerts", 1L, "scored_responses", 2L, "notifications", 2L));
    }

    static CustomerOutcomeRecorded customerOutcomeRecorded() {
        // The yearly revenue the cancellation loses; the event id is the name-based UUID of
        // source and outcome id, so a retried post would carry the same one.
        return new CustomerOutcomeRecorded("3c5a1f0e-8b2d-3e47-9f61-0a2b4c6d8e10", EventTypes.CUSTOMER_OUTCOME_RECORDED,
                CustomerOutcomeRecorded.SCHEMA_VERSION, Instant.parse("2025-04-30T23:59:59Z"),
                Instant.parse("2025-05-01T06:00:02.031456789Z"), "billing",
                "sub-881-cancel", "c-42", "a-7", OutcomeKind.CANCELLED, ACCOUNT_VALUE, "price", Map.of("plan", "pro"));
    }
}
