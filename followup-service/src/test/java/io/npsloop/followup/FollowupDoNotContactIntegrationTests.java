package io.npsloop.followup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.npsloop.contracts.Topics;
import io.npsloop.platform.privacy.PersonalDataEraser;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The do-not-contact list in the running service on the real broker and store: kept by leads and
 * admins, asked by agents, filled by a contact attempt, marking the cases of listed customers and
 * refusing attempts on them, keeping promoters on it from advocacy, and erased with the customer.
 */
class FollowupDoNotContactIntegrationTests extends RunningFollowupService {

    private static final String ADA = token("ada", Role.AGENT, "*");
    private static final String LIN = token("lin", Role.LEAD, "*");
    private static final String INES = token("ines", Role.ADMIN);

    @Autowired
    @Qualifier("followupPersonalData")
    PersonalDataEraser eraser;

    @Test
    void aListedCustomersCaseIsOpenedMarkedAndNotContactedAndTheirPromoterAnswerOpensNoTask() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        HttpResponse<String> listed = call("PUT", "/api/v1/do-not-contact/" + customer, LIN,
                "{\"reason\":\"LEGAL\",\"note\":\"in a dispute\"}");
        assertThat(listed.statusCode()).isEqualTo(200);
        HttpResponse<String> again = call("PUT", "/api/v1/do-not-contact/" + customer, INES,
                "{\"reason\":\"LEGAL\",\"note\":\"in a dispute\"}");
        assertThat(json(again)).as("listing again changes nothing").isEqualTo(json(listed));
        assertThat(call("PUT", "/api/v1/do-not-contact/" + customer, ADA, "{\"reason\":\"LEGAL\"}").statusCode()).isEqualTo(403);
        JsonNode asked = json(call("GET", "/api/v1/do-not-contact/" + customer, ADA, null));
        assertThat(asked.get("reason").asString()).isEqualTo("LEGAL");
        assertThat(asked.get("listedBy").asString()).isEqualTo("lin");

        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer, "customer-care"));
        JsonNode opened = await().atMost(Duration.ofSeconds(60)).until(() -> caseOf(ADA, alertId), node -> node != null);
        assertThat(opened.get("doNotContact").asBoolean()).as("marked in the work queue").isTrue();
        String caseId = opened.get("caseId").asString();
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ADA, null).statusCode()).isEqualTo(200);
        HttpResponse<String> attempt = call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ADA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}");
        assertThat(attempt.statusCode()).isEqualTo(409);
        assertThat(attempt.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(json(attempt).get("type").asString()).isEqualTo("https://npsloop.io/problems/do-not-contact");
        assertThat(json(call("GET", "/api/v1/cases/" + caseId, ADA, null)).get("attempts")).isEmpty();

        // The promoter answer closes the loop on the recovery case, which shows it was handled: no task came of it.
        send(Topics.SCORED, customer, promoterAnswer(customer));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> json(call("GET", "/api/v1/cases/" + caseId, ADA, null)), c -> !c.get("answer").isNull());
        for (JsonNode c : json(call("GET", "/api/v1/cases?queue=advocacy&limit=500", LIN, null))) {
            assertThat(c.get("customerId").asString()).isNotEqualTo(customer);
        }

        String pseudonym = "erased-" + UUID.randomUUID();
        eraser.erase(customer, pseudonym);
        assertThat(call("GET", "/api/v1/do-not-contact/" + customer, ADA, null).statusCode()).isEqualTo(404);
        JsonNode moved = json(call("GET", "/api/v1/do-not-contact/" + pseudonym, ADA, null));
        assertThat(moved.get("reason").asString()).isEqualTo("LEGAL");
        assertThat(moved.get("note").isNull()).as("the note may hold personal data").isTrue();
        assertThat(json(call("GET", "/api/v1/cases/" + caseId, ADA, null)).get("doNotContact").asBoolean())
                .as("the case, which names the pseudonym too, stays marked").isTrue();
    }

    @Test
    void aCustomerWhoAsksInAContactAttemptIsListedUntilALeadTakesThemOff() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer, "customer-care"));
        String caseId = await().atMost(Duration.ofSeconds(60)).until(() -> caseOf(ADA, alertId), node -> node != null)
                .get("caseId").asString();
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ADA, null).statusCode()).isEqualTo(200);

        HttpResponse<String> asked = call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ADA,
                "{\"channel\":\"PHONE\",\"outcome\":\"DO_NOT_CONTACT\"}");

        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(json(asked).get("state").asString()).isEqualTo("CONTACTED");
        assertThat(json(asked).get("doNotContact").asBoolean()).isTrue();
        JsonNode entry = json(call("GET", "/api/v1/do-not-contact/" + customer, ADA, null));
        assertThat(entry.get("reason").asString()).isEqualTo("CUSTOMER_REQUEST");
        assertThat(entry.get("caseId").asString()).isEqualTo(caseId);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ADA,
                "{\"channel\":\"EMAIL\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(409);

        assertThat(call("DELETE", "/api/v1/do-not-contact/" + customer, LIN, null).statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/api/v1/do-not-contact/" + customer, LIN, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/do-not-contact/" + customer, ADA, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ADA,
                "{\"channel\":\"EMAIL\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(200);
    }
}
