package io.npsloop.followup.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.npsloop.contracts.Severity;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every kind of refusal of the HTTP API as RFC 9457 problem+json, against the real controllers,
 * advice, security filter chain and access rules, with bearer tokens of the development issuer
 * and the domain on in-memory ports.
 */
@FollowupWebSlice
class FollowupProblemsMvcTests {

    private static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    /** Agents of every queue, as the in-memory domain's ADA and GRACE. */
    static final String ADA = ISSUER.token("ada", List.of(Role.AGENT), List.of("*"));
    static final String GRACE = ISSUER.token("grace", List.of(Role.AGENT), List.of("*"));
    /** An agent of customer-care only; the test case is in the executive queue. */
    static final String BO = ISSUER.token("bo", List.of(Role.AGENT), List.of("customer-care"));
    static final String LIN = ISSUER.token("lin", List.of(Role.LEAD), List.of("*"));
    /** A team lead of customer-care only; the test case is in the executive queue. */
    static final String KIM = ISSUER.token("kim", List.of(Role.LEAD), List.of("customer-care"));
    static final String INES = ISSUER.token("ines", List.of(Role.ADMIN), List.of());
    static final String ALI = ISSUER.token("ali", List.of(Role.ANALYST), List.of("*"));
    static final String EXPIRED = ISSUER.token("ada", List.of("agent"), List.of("*"), DevIssuer.ISSUER, DevIssuer.AUDIENCE,
            Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
    static final String OTHER_AUDIENCE = ISSUER.token("ada", List.of("agent"), List.of("*"), DevIssuer.ISSUER,
            "another-system", Instant.now(), Duration.ofHours(1));
    private static final String CASE = "{case}";

    @Autowired
    MockMvc mvc;

    @Autowired
    InMemoryFollowup f;

    private String caseId;

    /** One refused request: who sends what (the bearer token, none if null), and the problem it must get. */
    record Refusal(String name, String method, String path, @Nullable String token, @Nullable String body, int status,
            @Nullable String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> badRequests() {
        return Stream.of(
                new Refusal("contact without channel", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", ADA,
                        "{\"outcome\":\"REACHED\"}", 400, "channel"),
                new Refusal("do-not-contact listing without a reason", "PUT", "/api/v1/do-not-contact/c-9", LIN,
                        "{\"note\":\"asked by letter\"}", 400, "reason"),
                new Refusal("do-not-contact listing with an unknown reason", "PUT", "/api/v1/do-not-contact/c-9", INES,
                        "{\"reason\":\"PLEASE\"}", 400, "reason"),
                new Refusal("do-not-contact listing with a misspelt field", "PUT", "/api/v1/do-not-contact/c-9", LIN,
                        "{\"reason\":\"LEGAL\",\"notes\":\"x\"}", 400, "notes"),
                new Refusal("do-not-contact listing with a long note", "PUT", "/api/v1/do-not-contact/c-9", LIN,
                        "{\"reason\":\"LEGAL\",\"note\":\"" + "x".repeat(501) + "\"}", 400, "note"),
                new Refusal("contact with an unknown outcome", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", ADA,
                        "{\"channel\":\"PHONE\",\"outcome\":\"HUNG_UP\"}", 400, "outcome"),
                new Refusal("call-back without its time", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", ADA,
                        "{\"channel\":\"PHONE\",\"outcome\":\"CALLBACK_REQUESTED\"}", 400, "callbackAt"),
                new Refusal("no root cause", "POST", "/api/v1/cases/" + CASE + "/root-causes", ADA,
                        "{\"categories\":[]}", 400, "categories"),
                new Refusal("unknown root cause", "POST", "/api/v1/cases/" + CASE + "/root-causes", ADA,
                        "{\"categories\":[\"price\",\"no-such\"]}", 400, "categories[1]"),
                new Refusal("other without text", "POST", "/api/v1/cases/" + CASE + "/root-causes", ADA,
                        "{\"categories\":[\"other\"]}", 400, "otherText"),
                new Refusal("work queue limit too large", "GET", "/api/v1/cases?limit=5000", ADA, null, 400, "limit"),
                new Refusal("assignment without an agent", "POST", "/api/v1/cases/" + CASE + "/assign", LIN, "{}", 400, "agent"),
                new Refusal("assignment to nobody", "POST", "/api/v1/cases/" + CASE + "/assign", LIN,
                        "{\"agent\":null}", 400, "agent"),
                new Refusal("assignment to a blank agent", "POST", "/api/v1/cases/" + CASE + "/assign", LIN,
                        "{\"agent\":\"  \"}", 400, "agent"),
                new Refusal("assignment with an unknown field", "POST", "/api/v1/cases/" + CASE + "/assign", LIN,
                        "{\"agent\":\"grace\",\"until\":\"tomorrow\"}", 400, "until"),
                new Refusal("assignment to a list of agents", "POST", "/api/v1/cases/" + CASE + "/assign", LIN,
                        "{\"agent\":[\"grace\"]}", 400, "agent"),
                new Refusal("transfer without a queue", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN, "{}", 400, "queue"),
                new Refusal("transfer to a blank queue", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                        "{\"queue\":\" \"}", 400, "queue"),
                new Refusal("transfer to a malformed queue", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                        "{\"queue\":\"billing team\"}", 400, "queue"),
                new Refusal("transfer to every queue", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                        "{\"queue\":\"*\"}", 400, "queue"),
                new Refusal("transfer with an over-long reason", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                        "{\"queue\":\"billing\",\"reason\":\"" + "x".repeat(501) + "\"}", 400, "reason"),
                new Refusal("transfer with an unknown field", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                        "{\"queue\":\"billing\",\"team\":\"billing\"}", 400, "team"),
                new Refusal("root cause without a name", "POST", "/api/v1/root-causes", INES, "{\"name\":\" \"}", 400, "name"),
                new Refusal("deactivating other", "POST", "/api/v1/root-causes/other/deactivate", INES, null, 400, "id"),
                new Refusal("incentive with a negative cost", "POST", "/api/v1/incentives", INES,
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"-1\",\"currency\":\"EUR\"}}",
                        400, "cost.amount"),
                new Refusal("incentive in no currency", "POST", "/api/v1/incentives", INES,
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"XYZ\"}}",
                        400, "cost.currency"),
                new Refusal("incentive without an id", "POST", "/api/v1/incentives", INES,
                        "{\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}",
                        400, "id"),
                new Refusal("experiment without control", "POST", "/api/v1/experiments", INES,
                        "{\"id\":\"price-2\",\"rootCause\":\"billing\",\"arms\":[\"free-month\",\"discount\"]}", 400, "arms"),
                new Refusal("experiment with an unknown incentive", "POST", "/api/v1/experiments", INES,
                        "{\"id\":\"billing-x\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"discount\"]}", 400, "arms[1]"),
                new Refusal("experiment of an unknown root cause", "POST", "/api/v1/experiments", INES,
                        "{\"id\":\"x\",\"rootCause\":\"weather\",\"arms\":[\"control\",\"free-month\"]}", 400, "rootCause"));
    }

    static Stream<Refusal> otherRefusals() {
        return Stream.of(
                new Refusal("claim without a token", "POST", "/api/v1/cases/" + CASE + "/claim", null, null, 401, null),
                new Refusal("claim with an expired token", "POST", "/api/v1/cases/" + CASE + "/claim", EXPIRED, null, 401, null),
                new Refusal("claim with a token for another audience", "POST", "/api/v1/cases/" + CASE + "/claim",
                        OTHER_AUDIENCE, null, 401, null),
                new Refusal("work queue without a token", "GET", "/api/v1/cases", null, null, 401, null),
                new Refusal("root cause change without a token", "POST", "/api/v1/root-causes", null,
                        "{\"name\":\"Packaging\"}", 401, null),
                new Refusal("agent of another queue claims", "POST", "/api/v1/cases/" + CASE + "/claim", BO, null, 404, null),
                new Refusal("agent of another queue reads the case", "GET", "/api/v1/cases/" + CASE, BO, null, 404, null),
                new Refusal("analyst reads the work queue", "GET", "/api/v1/cases", ALI, null, 403, null),
                new Refusal("agent lists a customer not to contact", "PUT", "/api/v1/do-not-contact/c-9", ADA,
                        "{\"reason\":\"LEGAL\"}", 403, null),
                new Refusal("agent takes a customer off the list", "DELETE", "/api/v1/do-not-contact/c-9", ADA, null, 403, null),
                new Refusal("analyst asks about a customer", "GET", "/api/v1/do-not-contact/c-9", ALI, null, 403, null),
                new Refusal("do-not-contact entry of a customer not listed", "GET", "/api/v1/do-not-contact/c-unlisted", ADA,
                        null, 404, null),
                new Refusal("analyst claims", "POST", "/api/v1/cases/" + CASE + "/claim", ALI, null, 403, null),
                new Refusal("agent assigns", "POST", "/api/v1/cases/" + CASE + "/assign", ADA, "{\"agent\":\"ada\"}", 403, null),
                new Refusal("agent assigns with a bad body", "POST", "/api/v1/cases/" + CASE + "/assign", ADA, "{}", 403, null),
                new Refusal("agent transfers", "POST", "/api/v1/cases/" + CASE + "/transfer", ADA,
                        "{\"queue\":\"billing\"}", 403, null),
                new Refusal("admin assigns", "POST", "/api/v1/cases/" + CASE + "/assign", INES, "{\"agent\":\"ada\"}", 403, null),
                new Refusal("admin transfers", "POST", "/api/v1/cases/" + CASE + "/transfer", INES,
                        "{\"queue\":\"billing\"}", 403, null),
                new Refusal("analyst transfers", "POST", "/api/v1/cases/" + CASE + "/transfer", ALI,
                        "{\"queue\":\"billing\"}", 403, null),
                new Refusal("assignment without a token", "POST", "/api/v1/cases/" + CASE + "/assign", null,
                        "{\"agent\":\"ada\"}", 401, null),
                new Refusal("transfer without a token", "POST", "/api/v1/cases/" + CASE + "/transfer", null,
                        "{\"queue\":\"billing\"}", 401, null),
                new Refusal("lead of another queue assigns", "POST", "/api/v1/cases/" + CASE + "/assign", KIM,
                        "{\"agent\":\"bo\"}", 404, null),
                new Refusal("lead of another queue transfers", "POST", "/api/v1/cases/" + CASE + "/transfer", KIM,
                        "{\"queue\":\"customer-care\"}", 404, null),
                new Refusal("assignment of an unknown case", "POST", "/api/v1/cases/no-such-case/assign", LIN,
                        "{\"agent\":\"ada\"}", 404, null),
                new Refusal("transfer of an unknown case", "POST", "/api/v1/cases/no-such-case/transfer", LIN,
                        "{\"queue\":\"billing\"}", 404, null),
                new Refusal("agent manages the taxonomy", "POST", "/api/v1/root-causes", ADA, "{\"name\":\"Packaging\"}", 403, null),
                new Refusal("lead manages the taxonomy", "POST", "/api/v1/root-causes", LIN, "{\"name\":\"Packaging\"}", 403, null),
                new Refusal("agent manages incentives", "POST", "/api/v1/incentives", ADA,
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}",
                        403, null),
                new Refusal("agent creates an experiment", "POST", "/api/v1/experiments", ADA,
                        "{\"id\":\"b\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"free-month\"]}", 403, null),
                new Refusal("agent reads the admin audit", "GET", "/api/v1/admin/audit", ADA, null, 403, null),
                new Refusal("unknown case", "GET", "/api/v1/cases/no-such-case", ADA, null, 404, null),
                new Refusal("claim of an unknown case", "POST", "/api/v1/cases/no-such-case/claim", ADA, null, 404, null),
                new Refusal("rename of an unknown root cause", "PUT", "/api/v1/root-causes/no-such", INES,
                        "{\"name\":\"X\"}", 404, null),
                new Refusal("update of an unknown incentive", "PUT", "/api/v1/incentives/no-such", INES,
                        "{\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}", 404, null),
                new Refusal("existing root cause", "POST", "/api/v1/root-causes", INES, "{\"name\":\"Delivery\"}", 409, null),
                new Refusal("second experiment for a root cause", "POST", "/api/v1/experiments", INES,
                        "{\"id\":\"delivery-2\",\"rootCause\":\"delivery\",\"arms\":[\"control\",\"free-month\"]}", 409, null));
    }

    @BeforeEach
    void openACase() {
        caseId = f.open(Severity.HIGH, "executive", Duration.ofHours(8)).caseId();
        f.work.claim(InMemoryFollowup.ADA, caseId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsA400NamingTheField(Refusal refusal) throws Exception {
        send(refusal)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(refusal.field())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherRefusals")
    void refusalIsAProblemWithItsStatus(Refusal refusal) throws Exception {
        ResultActions result = send(refusal)
                .andExpect(status().is(refusal.status()))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(refusal.status()));
        if (refusal.status() == 401) {
            result.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
        }
    }

    @Test
    void actionTheStateMachineRefusesIsA409NamingStateAndAction() throws Exception {
        send(new Refusal("resolve a claimed case", "POST", "/api/v1/cases/" + CASE + "/resolve", ADA, null, 409, null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.state").value("CLAIMED"))
                .andExpect(jsonPath("$.action").value("RESOLVE"));
    }

    @Test
    void contactAttemptForACustomerOnTheDoNotContactListIsA409OfItsOwnType() throws Exception {
        send(new Refusal("listing", "PUT", "/api/v1/do-not-contact/" + f.store.find(caseId).customerId(), LIN,
                "{\"reason\":\"CUSTOMER_REQUEST\",\"note\":\"asked by letter\"}", 200, null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reason").value("CUSTOMER_REQUEST"))
                .andExpect(jsonPath("$.listedBy").value("lin"));
        send(new Refusal("the case", "GET", "/api/v1/cases/" + CASE, ADA, null, 200, null))
                .andExpect(jsonPath("$.doNotContact").value(true));

        send(new Refusal("contact attempt", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", ADA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}", 409, null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://npsloop.io/problems/do-not-contact"))
                .andExpect(jsonPath("$.doNotContact").value(true))
                .andExpect(jsonPath("$.state").value("CLAIMED"))
                .andExpect(jsonPath("$.action").value("CONTACT_REACHED"));
        send(new Refusal("off the list", "DELETE", "/api/v1/do-not-contact/" + f.store.find(caseId).customerId(), INES,
                null, 204, null))
                .andExpect(status().isNoContent());
    }

    @Test
    void claimHeldByAnotherAgentIsA409NamingTheHolderAndWhenTheyClaimed() throws Exception {
        send(new Refusal("second claim", "POST", "/api/v1/cases/" + CASE + "/claim", GRACE, null, 409, null))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.state").value("CLAIMED"))
                .andExpect(jsonPath("$.action").value("CLAIM"))
                .andExpect(jsonPath("$.claimedBy").value("ada"))
                .andExpect(jsonPath("$.claimedAt").value(String.valueOf(f.store.find(caseId).claimSince())));
    }

    @Test
    void badHandOverNamesEveryBadFieldAndChangesNothing() throws Exception {
        FollowupCase before = f.store.find(caseId);

        send(new Refusal("transfer with three bad fields", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                "{\"queue\":\"\",\"reason\":\"" + "x".repeat(501) + "\",\"team\":\"billing\",\"urgent\":true}",
                400, null))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("team", "urgent", "queue", "reason")));
        send(new Refusal("assignment with two bad fields", "POST", "/api/v1/cases/" + CASE + "/assign", LIN,
                "{\"agent\":\"\",\"queue\":\"billing\"}", 400, null))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("queue", "agent")));
        assertThat(f.store.find(caseId)).isEqualTo(before);
    }

    @Test
    void leadAssignsAndTransfersACase() throws Exception {
        send(new Refusal("assignment", "POST", "/api/v1/cases/" + CASE + "/assign", LIN, "{\"agent\":\"grace\"}", 200, null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.claimedBy").value("grace"))
                .andExpect(jsonPath("$.audit[-1].who").value("lin"))
                .andExpect(jsonPath("$.audit[-1].details").value("to grace (was held by ada)"));
        send(new Refusal("transfer", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                "{\"queue\":\"customer-care\",\"reason\":\"a delivery question\"}", 200, null))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.queue").value("customer-care"))
                .andExpect(jsonPath("$.state").value("OPEN"))
                .andExpect(jsonPath("$.claimedBy").doesNotExist())
                .andExpect(jsonPath("$.audit[-1].details").value("transferred: executive -> customer-care: a delivery question"));
    }

    @Test
    void handOverOfAClosedCaseIsA409NamingStateAndAction() throws Exception {
        f.work.recordContact(InMemoryFollowup.ADA, caseId, ContactAttempt.Channel.PHONE, ContactAttempt.Outcome.REACHED, null, null);
        f.work.codeRootCauses(InMemoryFollowup.ADA, caseId, List.of("price"), null);
        f.work.resolve(InMemoryFollowup.ADA, caseId, null);
        f.work.close(InMemoryFollowup.LIN, caseId, null);

        send(new Refusal("assign a closed case", "POST", "/api/v1/cases/" + CASE + "/assign", LIN, "{\"agent\":\"grace\"}", 409, null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.action").value("ASSIGN"));
        send(new Refusal("transfer a closed case", "POST", "/api/v1/cases/" + CASE + "/transfer", LIN,
                "{\"queue\":\"billing\"}", 409, null))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.state").value("CLOSED"))
                .andExpect(jsonPath("$.action").value("TRANSFER"));
    }

    @Test
    void readsAnswerEachRoleThatMayRead() throws Exception {
        mvc.perform(get("/api/v1/cases?state=CLAIMED").header(HttpHeaders.AUTHORIZATION, bearer(ADA))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].caseId", hasItem(caseId)));
        mvc.perform(get("/api/v1/incentives").header(HttpHeaders.AUTHORIZATION, bearer(ADA))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("free-month"));
        mvc.perform(get("/api/v1/experiments").header(HttpHeaders.AUTHORIZATION, bearer(ALI))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].arms[0]").value("control"));
    }

    private ResultActions send(Refusal refusal) throws Exception {
        String path = refusal.path().replace(CASE, caseId);
        MockHttpServletRequestBuilder request = switch (refusal.method()) {
            case "GET" -> get(path);
            case "PUT" -> put(path);
            case "DELETE" -> delete(path);
            default -> post(path);
        };
        if (refusal.token() != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(refusal.token()));
        }
        if (refusal.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(refusal.body());
        }
        return mvc.perform(request);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
