package io.npsloop.followup.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;

import io.npsloop.contracts.Severity;
import io.npsloop.followup.FollowupProperties;
import io.npsloop.followup.access.UserDirectory;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every kind of refusal of the HTTP API as RFC 9457 problem+json, against the real controllers,
 * advice and user directory, with the domain on in-memory ports.
 */
@WebMvcTest(properties = {"spring.config.name=nps-platform,followup-service",
        // The dev users plus bo, an agent of customer-care only.
        "followup.users[0].username=ada", "followup.users[0].password-hash=" + FollowupProblemsMvcTests.HASH,
        "followup.users[1].username=grace", "followup.users[1].password-hash=" + FollowupProblemsMvcTests.HASH,
        "followup.users[2].username=lin", "followup.users[2].password-hash=" + FollowupProblemsMvcTests.HASH,
        "followup.users[2].role=lead",
        "followup.users[3].username=bo", "followup.users[3].password-hash=" + FollowupProblemsMvcTests.HASH,
        "followup.users[3].queues=customer-care"})
@Import({UserDirectory.class, ProblemDetailsAdvice.class, FollowupProblemsMvcTests.Domain.class})
// One in-memory domain for the class: each test opens its own case.
class FollowupProblemsMvcTests {

    /** bcrypt of nps-dev-password, as in followup-service.yml. */
    static final String HASH = "$2a$10$2OpvzcqIl9V0OTmz1TWI9O3NEsjcX46LFkBRooEDxBj7PJ9w1Ekdy";
    private static final String CASE = "{case}";

    @Autowired
    MockMvc mvc;

    @Autowired
    InMemoryFollowup f;

    private String caseId;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FollowupProperties.class)
    static class Domain {

        @Bean
        InMemoryFollowup followup() {
            return new InMemoryFollowup();
        }

        @Bean
        CaseWork caseWork(InMemoryFollowup f) {
            return f.work;
        }

        @Bean
        CaseStore caseStore(InMemoryFollowup f) {
            return f.store;
        }

        @Bean
        RootCauseStore rootCauseStore(InMemoryFollowup f) {
            return f.rootCauses;
        }

        @Bean
        IncentiveStore incentiveStore(InMemoryFollowup f) {
            return f.incentives;
        }
    }

    /** One refused request: who sends what, and the problem it must get. */
    record Refusal(String name, String method, String path, @Nullable String user, @Nullable String body, int status,
            @Nullable String field) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> badRequests() {
        return Stream.of(
                new Refusal("contact without channel", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", "ada",
                        "{\"outcome\":\"REACHED\"}", 400, "channel"),
                new Refusal("contact with an unknown outcome", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", "ada",
                        "{\"channel\":\"PHONE\",\"outcome\":\"HUNG_UP\"}", 400, "outcome"),
                new Refusal("call-back without its time", "POST", "/api/v1/cases/" + CASE + "/contact-attempts", "ada",
                        "{\"channel\":\"PHONE\",\"outcome\":\"CALLBACK_REQUESTED\"}", 400, "callbackAt"),
                new Refusal("no root cause", "POST", "/api/v1/cases/" + CASE + "/root-causes", "ada",
                        "{\"categories\":[]}", 400, "categories"),
                new Refusal("unknown root cause", "POST", "/api/v1/cases/" + CASE + "/root-causes", "ada",
                        "{\"categories\":[\"price\",\"no-such\"]}", 400, "categories[1]"),
                new Refusal("other without text", "POST", "/api/v1/cases/" + CASE + "/root-causes", "ada",
                        "{\"categories\":[\"other\"]}", 400, "otherText"),
                new Refusal("work queue limit too large", "GET", "/api/v1/cases?limit=5000", null, null, 400, "limit"),
                new Refusal("root cause without a name", "POST", "/api/v1/root-causes", "lin", "{\"name\":\" \"}", 400, "name"),
                new Refusal("deactivating other", "POST", "/api/v1/root-causes/other/deactivate", "lin", null, 400, "id"),
                new Refusal("incentive with a negative cost", "POST", "/api/v1/incentives", "lin",
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"-1\",\"currency\":\"EUR\"}}",
                        400, "cost.amount"),
                new Refusal("incentive in no currency", "POST", "/api/v1/incentives", "lin",
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"XYZ\"}}",
                        400, "cost.currency"),
                new Refusal("incentive without an id", "POST", "/api/v1/incentives", "lin",
                        "{\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}",
                        400, "id"),
                new Refusal("experiment without control", "POST", "/api/v1/experiments", "lin",
                        "{\"id\":\"price-2\",\"rootCause\":\"billing\",\"arms\":[\"free-month\",\"discount\"]}", 400, "arms"),
                new Refusal("experiment with an unknown incentive", "POST", "/api/v1/experiments", "lin",
                        "{\"id\":\"billing-x\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"discount\"]}", 400, "arms[1]"),
                new Refusal("experiment of an unknown root cause", "POST", "/api/v1/experiments", "lin",
                        "{\"id\":\"x\",\"rootCause\":\"weather\",\"arms\":[\"control\",\"free-month\"]}", 400, "rootCause"));
    }

    static Stream<Refusal> otherRefusals() {
        return Stream.of(
                new Refusal("claim without credentials", "POST", "/api/v1/cases/" + CASE + "/claim", null, null, 401, null),
                new Refusal("claim with a wrong password", "POST", "/api/v1/cases/" + CASE + "/claim", "ada:wrong", null, 401, null),
                new Refusal("root cause change without credentials", "POST", "/api/v1/root-causes", null,
                        "{\"name\":\"Packaging\"}", 401, null),
                new Refusal("agent of another queue claims", "POST", "/api/v1/cases/" + CASE + "/claim", "bo", null, 403, null),
                new Refusal("agent manages the taxonomy", "POST", "/api/v1/root-causes", "ada", "{\"name\":\"Packaging\"}", 403, null),
                new Refusal("agent manages incentives", "POST", "/api/v1/incentives", "ada",
                        "{\"id\":\"gift\",\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}",
                        403, null),
                new Refusal("agent creates an experiment", "POST", "/api/v1/experiments", "ada",
                        "{\"id\":\"b\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"free-month\"]}", 403, null),
                new Refusal("unknown case", "GET", "/api/v1/cases/no-such-case", null, null, 404, null),
                new Refusal("claim of an unknown case", "POST", "/api/v1/cases/no-such-case/claim", "ada", null, 404, null),
                new Refusal("rename of an unknown root cause", "PUT", "/api/v1/root-causes/no-such", "lin",
                        "{\"name\":\"X\"}", 404, null),
                new Refusal("update of an unknown incentive", "PUT", "/api/v1/incentives/no-such", "lin",
                        "{\"type\":\"GIFT\",\"description\":\"A gift\",\"cost\":{\"amount\":\"5\",\"currency\":\"EUR\"}}", 404, null),
                new Refusal("existing root cause", "POST", "/api/v1/root-causes", "lin", "{\"name\":\"Delivery\"}", 409, null),
                new Refusal("second experiment for a root cause", "POST", "/api/v1/experiments", "lin",
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
            result.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Basic")));
        }
    }

    @Test
    void actionTheStateMachineRefusesIsA409NamingStateAndAction() throws Exception {
        send(new Refusal("resolve a claimed case", "POST", "/api/v1/cases/" + CASE + "/resolve", "ada", null, 409, null))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.state").value("CLAIMED"))
                .andExpect(jsonPath("$.action").value("RESOLVE"));
    }

    @Test
    void claimHeldByAnotherAgentIsA409NamingTheHolder() throws Exception {
        send(new Refusal("second claim", "POST", "/api/v1/cases/" + CASE + "/claim", "grace", null, 409, null))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.state").value("CLAIMED"))
                .andExpect(jsonPath("$.action").value("CLAIM"))
                .andExpect(jsonPath("$.claimedBy").value("ada"));
    }

    @Test
    void readsNeedNoCredentials() throws Exception {
        mvc.perform(get("/api/v1/cases?state=CLAIMED")).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].caseId", hasItem(caseId)));
        mvc.perform(get("/api/v1/incentives")).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value("free-month"));
        mvc.perform(get("/api/v1/experiments")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].arms[0]").value("control"));
    }

    private ResultActions send(Refusal refusal) throws Exception {
        String path = refusal.path().replace(CASE, caseId);
        MockHttpServletRequestBuilder request = switch (refusal.method()) {
            case "GET" -> get(path);
            case "PUT" -> put(path);
            default -> post(path);
        };
        if (refusal.user() != null) {
            String credentials = refusal.user().contains(":") ? refusal.user() : refusal.user() + ":nps-dev-password";
            request.header(HttpHeaders.AUTHORIZATION, basic(credentials));
        }
        if (refusal.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(refusal.body());
        }
        return mvc.perform(request);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
