package io.npsloop.followup;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.npsloop.contracts.EventTypes;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see and do what, against the running service: an agent or lead sees and acts on the
 * cases of their queues only, and another queue's case is answered exactly as a case that does not
 * exist; the actor on the audit trail and the events is the token's username; analysts and callers
 * without a token are refused; admin changes land in the admin audit, which only admins read. A queue
 * name in the token grants that queue only, a {@code <team>-*} scope the team's queues, and the
 * admin role beside agent or lead grants no queue.
 */
class FollowupAccessIntegrationTests extends RunningFollowupService {

    private static final String BILLING = "billing";
    private static final String BILLING_LEAD = "billing-lead";
    private static final String SHIPPING = "shipping";
    /** Shares the prefix "billing" but is not a lead queue of billing ("billing-..."). */
    private static final String LOOKALIKE = "billingsupport";

    private static final String ANA = token("ana.agent", Role.AGENT, BILLING);
    private static final String BEN = token("ben", Role.AGENT, SHIPPING);
    private static final String LEA = token("lea", Role.LEAD, BILLING, BILLING + "-*");
    private static final String ALI = token("ali", Role.ANALYST, "*");
    private static final String INES = token("ines", Role.ADMIN);

    /** A valid body for each case action, so that only the access rule can refuse it. */
    private static final List<String[]> ACTIONS = List.of(
            new String[] {"claim", null},
            new String[] {"release", null},
            new String[] {"contact-attempts", "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}"},
            new String[] {"root-causes", "{\"categories\":[\"delivery\"]}"},
            new String[] {"incentive", "{\"accepted\":true}"},
            new String[] {"resolve", "{\"note\":\"sorted\"}"},
            new String[] {"close", "{\"note\":\"done\"}"},
            new String[] {"reopen", "{\"note\":\"again\"}"},
            new String[] {"resurvey", null});

    static Stream<Arguments> peopleOfBilling() {
        return Stream.of(Arguments.of("agent of billing", ANA), Arguments.of("lead of billing", LEA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peopleOfBilling")
    void caseOfAnotherQueueIsNotFoundForReadingAndForEveryAction(String who, String token) throws Exception {
        String caseId = openCase(SHIPPING);
        // Held by its own agent: a lead of that queue could release or close it, anyone else would learn the holder from a 409.
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", BEN, null).statusCode()).isEqualTo(200);
        JsonNode before = json(call("GET", "/api/v1/cases/" + caseId, BEN, null));
        String missing = "no-such-" + UUID.randomUUID();

        assertNotFoundLikeAMissingCase(call("GET", "/api/v1/cases/" + caseId, token, null),
                call("GET", "/api/v1/cases/" + missing, token, null), caseId, missing);
        for (String[] action : ACTIONS) {
            HttpResponse<String> refused = call("POST", "/api/v1/cases/" + caseId + "/" + action[0], token, action[1]);
            HttpResponse<String> absent = call("POST", "/api/v1/cases/" + missing + "/" + action[0], token, action[1]);
            assertThat(refused.statusCode()).as(who + " " + action[0]).isEqualTo(404);
            assertNotFoundLikeAMissingCase(refused, absent, caseId, missing);
        }

        JsonNode after = json(call("GET", "/api/v1/cases/" + caseId, BEN, null));
        assertThat(after).as("nothing was applied").isEqualTo(before);
        assertThat(after.get("claimedBy").asString()).isEqualTo("ben");
    }

    @Test
    void workQueueListsOnlyTheCasesOfTheAgentsQueues() throws Exception {
        String billing = openCase(BILLING);
        String billingLead = openCase(BILLING_LEAD);
        String shipping = openCase(SHIPPING);

        JsonNode own = json(call("GET", "/api/v1/cases?limit=500", ANA, null));
        assertThat(own.findValuesAsString("queue")).isNotEmpty().containsOnly(BILLING);
        assertThat(own.findValuesAsString("caseId")).contains(billing).doesNotContain(billingLead, shipping);

        HttpResponse<String> asked = call("GET", "/api/v1/cases?queue=" + SHIPPING + "&limit=500", ANA, null);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(json(asked)).as("asking for another queue lists nothing").isEmpty();
        assertThat(json(call("GET", "/api/v1/cases?queue=" + SHIPPING + "&limit=500", BEN, null)).findValuesAsString("caseId"))
                .as("the queue has cases").contains(shipping);
        assertThat(json(call("GET", "/api/v1/cases?queue=" + BILLING_LEAD + "&limit=500", ANA, null))).isEmpty();
    }

    @Test
    void leadSeesTheirQueueAndItsLeadQueueButNoOther() throws Exception {
        String billing = openCase(BILLING);
        String billingLead = openCase(BILLING_LEAD);
        String shipping = openCase(SHIPPING);
        String lookalike = openCase(LOOKALIKE);

        JsonNode seenByLead = json(call("GET", "/api/v1/cases?limit=500", LEA, null));
        assertThat(seenByLead.findValuesAsString("queue")).containsOnly(BILLING, BILLING_LEAD);
        assertThat(seenByLead.findValuesAsString("caseId")).contains(billing, billingLead).doesNotContain(shipping, lookalike);
        assertThat(json(call("GET", "/api/v1/cases?queue=" + SHIPPING + "&limit=500", LEA, null))).isEmpty();

        assertThat(call("GET", "/api/v1/cases/" + billingLead, LEA, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + billingLead + "/claim", LEA, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/cases/" + shipping, LEA, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/cases/" + lookalike, LEA, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aLeadWhoseQueuesNameAPrefixOfAnotherQueueWorksNoneOfThatQueuesCases() throws Exception {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String care = openCase(team + "-care");
        String own = openCase(team);
        String lead = token("lou", Role.LEAD, team);

        assertThat(json(call("GET", "/api/v1/cases?limit=500", lead, null)).findValuesAsString("caseId")).contains(own).doesNotContain(care);
        assertThat(json(call("GET", "/api/v1/cases?queue=" + team + "-care&limit=500", lead, null))).isEmpty();
        assertProblem(call("GET", "/api/v1/cases/" + care, lead, null), 404);
        assertProblem(call("POST", "/api/v1/cases/" + care + "/claim", lead, null), 404);
        assertProblem(call("POST", "/api/v1/cases/" + care + "/transfer", lead, "{\"queue\":\"" + team + "\"}"), 404);
        assertThat(json(call("GET", "/api/v1/cases/" + care, agentOf(team + "-care"), null)).get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void aTeamScopeGrantsEveryQueueOfTheTeamAndNoOther() throws Exception {
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String care = openCase(team + "-care");
        String careLead = openCase(team + "-care-lead");
        String bare = openCase(team);
        String lookalike = openCase(team + "s");
        String lead = token("tia", Role.LEAD, team + "-*");

        assertThat(json(call("GET", "/api/v1/cases?limit=500", lead, null)).findValuesAsString("caseId"))
                .contains(care, careLead).doesNotContain(bare, lookalike);
        assertThat(call("POST", "/api/v1/cases/" + careLead + "/claim", lead, null).statusCode()).isEqualTo(200);
        assertProblem(call("GET", "/api/v1/cases/" + lookalike, lead, null), 404);
        assertProblem(call("GET", "/api/v1/cases/" + bare, lead, null), 404);
    }

    static Stream<Arguments> adminsWhoAlsoWorkCases() {
        return Stream.of(Arguments.of("admin and agent of billing", ISSUER.token("ines", List.of(Role.ADMIN, Role.AGENT), List.of(BILLING))),
                Arguments.of("admin and lead of billing", ISSUER.token("ines", List.of(Role.ADMIN, Role.LEAD), List.of(BILLING))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminsWhoAlsoWorkCases")
    void theAdminRoleBesideAgentOrLeadWorksOnlyTheQueuesOfTheToken(String who, String token) throws Exception {
        String shipping = openCase(SHIPPING);
        String billing = openCase(BILLING);
        String missing = "no-such-" + UUID.randomUUID();

        assertThat(json(call("GET", "/api/v1/cases?limit=500", token, null)).findValuesAsString("queue")).as(who).containsOnly(BILLING);
        assertNotFoundLikeAMissingCase(call("GET", "/api/v1/cases/" + shipping, token, null),
                call("GET", "/api/v1/cases/" + missing, token, null), shipping, missing);
        assertNotFoundLikeAMissingCase(call("POST", "/api/v1/cases/" + shipping + "/claim", token, null),
                call("POST", "/api/v1/cases/" + missing + "/claim", token, null), shipping, missing);
        assertThat(json(call("GET", "/api/v1/cases/" + shipping, BEN, null)).get("state").asString()).isEqualTo("OPEN");
        assertThat(call("POST", "/api/v1/cases/" + billing + "/claim", token, null).statusCode()).as(who).isEqualTo(200);
        String name = "Admin " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(call("POST", "/api/v1/root-causes", token, "{\"name\":\"" + name + "\"}").statusCode())
                .as(who + " still administers").isEqualTo(201);
    }

    @Test
    void aTokenWithoutExpiryOrValidForLongerThanTheMaximumIsUnauthorized() throws Exception {
        String caseId = openCase(BILLING);
        Map<String, Object> claims = ISSUER.claims("ana.agent", List.of("agent"), List.of(BILLING), DevIssuer.ISSUER,
                DevIssuer.AUDIENCE, Instant.now(), Duration.ofHours(1));
        claims.remove("exp");
        String forever = ISSUER.sign(claims);
        String tooLong = ISSUER.token("ana.agent", List.of("agent"), List.of(BILLING), DevIssuer.ISSUER, DevIssuer.AUDIENCE,
                Instant.now(), Duration.ofDays(30));

        for (String token : List.of(forever, tooLong)) {
            assertProblem(call("GET", "/api/v1/cases", token, null), 401);
            assertProblem(call("GET", "/api/v1/cases/" + caseId, token, null), 401);
            assertProblem(call("POST", "/api/v1/cases/" + caseId + "/claim", token, null), 401);
        }
        assertThat(json(call("GET", "/api/v1/cases/" + caseId, ANA, null)).get("state").asString()).isEqualTo("OPEN");
    }

    private static String agentOf(String queue) {
        return token("ana.agent", Role.AGENT, queue);
    }

    @Test
    void actorOnTheAuditTrailAndTheEventsIsTheTokensUsername() throws Exception {
        String caseId = openCase(BILLING);

        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ANA, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ANA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(200);

        JsonNode worked = json(call("GET", "/api/v1/cases/" + caseId, ANA, null));
        assertThat(worked.get("claimedBy").asString()).isEqualTo("ana.agent");
        assertThat(worked.at("/attempts/0/agent").asString()).isEqualTo("ana.agent");
        assertThat(worked.get("audit").findValuesAsString("what")).containsExactly("CLAIM", "CONTACT_REACHED");
        assertThat(worked.get("audit").findValuesAsString("who")).containsOnly("ana.agent");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<JsonNode> events = seen.stream().filter(e -> caseId.equals(e.path("caseId").asString(null))).toList();
            assertThat(events).filteredOn(e -> EventTypes.CASE_STATUS_CHANGED.equals(e.path("eventType").asString(null)))
                    .hasSize(2).allSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo("ana.agent"));
            assertThat(events).filteredOn(e -> EventTypes.CONTACT_ATTEMPTED.equals(e.path("eventType").asString(null)))
                    .singleElement().satisfies(e -> assertThat(e.path("agent").asString()).isEqualTo("ana.agent"));
        });
    }

    @Test
    void analystIsForbiddenTheCases() throws Exception {
        String caseId = openCase(BILLING);

        assertProblem(call("GET", "/api/v1/cases", ALI, null), 403);
        assertProblem(call("GET", "/api/v1/cases/" + caseId, ALI, null), 403);
        assertProblem(call("GET", "/api/v1/cases/no-such-case", ALI, null), 403);
        assertProblem(call("POST", "/api/v1/cases/" + caseId + "/claim", ALI, null), 403);
        assertThat(json(call("GET", "/api/v1/cases/" + caseId, ANA, null)).get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void callerWithoutAValidTokenIsUnauthorized(@TempDir Path otherKeys) throws Exception {
        String caseId = openCase(BILLING);
        String forged = DevIssuer.at(otherKeys).token("ana.agent", List.of(Role.AGENT), List.of(BILLING));

        for (String token : new String[] {null, forged}) {
            for (HttpResponse<String> refused : List.of(call("GET", "/api/v1/cases", token, null),
                    call("GET", "/api/v1/cases/" + caseId, token, null),
                    call("POST", "/api/v1/cases/" + caseId + "/claim", token, null))) {
                assertProblem(refused, 401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
        }
        assertThat(json(call("GET", "/api/v1/cases/" + caseId, ANA, null)).get("state").asString()).isEqualTo("OPEN");
    }

    @Test
    void adminChangeIsInTheAdminAuditUnderTheAdminsName() throws Exception {
        String caseId = openCase(BILLING);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ANA, null).statusCode()).isEqualTo(200);
        String name = "Audited " + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"name\":\"" + name + "\"}";

        assertThat(call("POST", "/api/v1/root-causes", INES, body).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/root-causes", INES, body).statusCode()).as("refused, so not audited").isEqualTo(409);

        HttpResponse<String> read = call("GET", "/api/v1/admin/audit", INES, null);
        assertThat(read.statusCode()).isEqualTo(200);
        List<JsonNode> entries = json(read).valueStream().toList();
        assertThat(entries).filteredOn(e -> e.path("body").asString("").contains(name)).singleElement().satisfies(e -> {
            assertThat(e.get("actor").asString()).isEqualTo("ines");
            assertThat(e.get("method").asString()).isEqualTo("POST");
            assertThat(e.get("path").asString()).isEqualTo("/api/v1/root-causes");
            assertThat(e.get("status").asInt()).isEqualTo(201);
            assertThat(e.get("service").asString()).isEqualTo("followup-service");
        });
        assertThat(entries).as("an agent's work is no admin change")
                .noneSatisfy(e -> assertThat(e.path("actor").asString()).isEqualTo("ana.agent"));
    }

    @Test
    void onlyAdminsReadTheAdminAudit() throws Exception {
        for (String token : new String[] {ANA, LEA, ALI}) {
            assertProblem(call("GET", "/api/v1/admin/audit", token, null), 403);
        }
        assertProblem(call("GET", "/api/v1/admin/audit", null, null), 401);
        assertThat(call("GET", "/api/v1/admin/audit", INES, null).statusCode()).isEqualTo(200);
    }

    /** A 404 problem that says no more than the answer for a case id that does not exist. */
    private void assertNotFoundLikeAMissingCase(HttpResponse<String> refused, HttpResponse<String> absent, String caseId,
            String missing) {
        assertProblem(refused, 404);
        assertProblem(absent, 404);
        assertThat(refused.body().replace(caseId, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
    }
}
