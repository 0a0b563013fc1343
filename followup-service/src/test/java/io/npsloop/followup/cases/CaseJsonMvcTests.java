package io.npsloop.followup.cases;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static io.npsloop.followup.cases.InMemoryFollowup.ADA;
import static io.npsloop.followup.cases.InMemoryFollowup.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The JSON of a case as the API answers it, every field filled in once and pinned with its name,
 * its place and its nulls: clients (the workspace among them) read these names.
 */
@FollowupWebSlice
class CaseJsonMvcTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    InMemoryFollowup f;

    @Test
    void aWorkedCaseAnswersEveryFieldInItsPlace() throws Exception {
        DetractorAlertRaised alert = new DetractorAlertRaised("ev-al-1", EventTypes.DETRACTOR_ALERT_RAISED,
                DetractorAlertRaised.SCHEMA_VERSION, START.minusSeconds(60), "al-1", "r-1", "c-1", "a-1",
                new Contact("Mia Rossi", "mia@example.com", "+39 06 1234"), 2, Category.DETRACTOR, "Late again", "email",
                "delivery", Map.of(), new Money(new BigDecimal("5000"), "EUR"), Severity.HIGH, "customer-care",
                List.of("detractor", "high-value"), START.minusSeconds(60), START.plus(Duration.ofHours(8)));
        String id = f.opening(new AdvocacyRule(false, 9, Map.of(), "advocacy")).open(alert).caseId();
        f.work.claim(ADA, id);
        f.clock.advance(Duration.ofMinutes(5));
        f.work.recordContact(ADA, id, ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.CALLBACK_REQUESTED,
                START.plus(Duration.ofHours(2)), "asked to call after lunch");
        f.clock.advance(Duration.ofHours(2));
        f.work.recordContact(ADA, id, ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.REACHED, null, null);
        f.work.codeRootCauses(ADA, id, List.of("delivery", "other"), "courier left it outside");
        f.work.offerIncentive(ADA, id, true);
        f.work.resolve(ADA, id, "apologised");
        f.clock.advance(Duration.ofDays(3));
        f.closure(new AdvocacyRule(false, 9, Map.of(), "advocacy")).answered(new ResponseScored("ev-r-2",
                EventTypes.RESPONSE_SCORED, ResponseScored.SCHEMA_VERSION, f.clock.instant(), "webshop", "r-2", 1, null,
                "c-1", "a-1", null, 8, Category.PASSIVE, 2, Category.DETRACTOR, "r-1", "better", "email", "delivery",
                Map.of(), null));

        String body = mvc.perform(get("/api/v1/cases/" + id)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + FollowupProblemsMvcTests.ADA))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(mapper.readTree(body).toPrettyString()).isEqualTo(mapper.readTree(EXPECTED).toPrettyString());
    }

    private static final String EXPECTED = """
            {
              "caseId": "899413cc-15d6-312b-89df-783d944713cf",
              "kind": "RECOVERY",
              "alertId": "al-1",
              "responseId": "r-1",
              "customerId": "c-1",
              "accountId": "a-1",
              "contact": {
                "name": "Mia Rossi",
                "email": "mia@example.com",
                "phone": "+39 06 1234"
              },
              "score": 2,
              "comment": "Late again",
              "severity": "HIGH",
              "matchedRules": [
                "detractor",
                "high-value"
              ],
              "queue": "customer-care",
              "priority": 236,
              "state": "RESOLVED",
              "openedAt": "2025-03-03T09:00:00Z",
              "answeredAt": "2025-03-03T08:59:00Z",
              "slaDueAt": "2025-03-03T17:00:00Z",
              "accountValue": {
                "amount": "5000",
                "currency": "EUR"
              },
              "version": 7,
              "sequence": 8,
              "claimedBy": "ada",
              "claimExpiresAt": "2025-03-03T11:35:00Z",
              "attempts": [
                {
                  "number": 1,
                  "agent": "ada",
                  "at": "2025-03-03T09:05:00Z",
                  "channel": "PHONE",
                  "outcome": "CALLBACK_REQUESTED",
                  "callbackAt": "2025-03-03T11:00:00Z",
                  "note": "asked to call after lunch"
                },
                {
                  "number": 2,
                  "agent": "ada",
                  "at": "2025-03-03T11:05:00Z",
                  "channel": "PHONE",
                  "outcome": "REACHED",
                  "callbackAt": null,
                  "note": null
                }
              ],
              "callbackAt": null,
              "escalationLevel": 0,
              "overdue": false,
              "rootCauses": [
                "delivery",
                "other"
              ],
              "otherRootCause": "courier left it outside",
              "incentive": {
                "experimentId": "delivery-incentives",
                "arm": "free-month",
                "assignmentNumber": 0,
                "rootCause": "delivery",
                "incentiveId": "free-month",
                "incentiveType": "FREE_MONTH",
                "cost": {
                  "amount": "29.00",
                  "currency": "EUR"
                },
                "accepted": true
              },
              "answer": {
                "responseId": "r-2",
                "score": 8,
                "category": "PASSIVE",
                "transition": "DETRACTOR->PASSIVE",
                "answeredAt": "2025-03-06T11:05:00Z"
              },
              "task": null,
              "audit": [
                {
                  "who": "ada",
                  "what": "CLAIM",
                  "when": "2025-03-03T09:00:00Z",
                  "fromState": "OPEN",
                  "toState": "CLAIMED",
                  "details": null
                },
                {
                  "who": "ada",
                  "what": "CONTACT_FAILED",
                  "when": "2025-03-03T09:05:00Z",
                  "fromState": "CLAIMED",
                  "toState": "CLAIMED",
                  "details": "PHONE CALLBACK_REQUESTED: asked to call after lunch"
                },
                {
                  "who": "ada",
                  "what": "CONTACT_REACHED",
                  "when": "2025-03-03T11:05:00Z",
                  "fromState": "CLAIMED",
                  "toState": "CONTACTED",
                  "details": "PHONE REACHED"
                },
                {
                  "who": "ada",
                  "what": "CODE_ROOT_CAUSE",
                  "when": "2025-03-03T11:05:00Z",
                  "fromState": "CONTACTED",
                  "toState": "CONTACTED",
                  "details": "delivery, other"
                },
                {
                  "who": "ada",
                  "what": "OFFER_INCENTIVE",
                  "when": "2025-03-03T11:05:00Z",
                  "fromState": "CONTACTED",
                  "toState": "CONTACTED",
                  "details": "delivery-incentives/free-month accepted=true"
                },
                {
                  "who": "ada",
                  "what": "RESOLVE",
                  "when": "2025-03-03T11:05:00Z",
                  "fromState": "CONTACTED",
                  "toState": "RESOLVED",
                  "details": "apologised"
                },
                {
                  "who": "system",
                  "what": "RECORD_ANSWER",
                  "when": "2025-03-06T11:05:00Z",
                  "fromState": "RESOLVED",
                  "toState": "RESOLVED",
                  "details": "next answer 8, DETRACTOR->PASSIVE"
                }
              ],
              "doNotContact": false
            }
            """;
}
