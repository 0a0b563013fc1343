package io.npsloop.followup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.Topics;
import io.npsloop.platform.security.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service end to end on the real broker and store: alerts open cases, agents work them through
 * the HTTP API with their bearer tokens, the taxonomy, incentives and experiments are managed by
 * admins, and every change goes out on {@code nps.followups.v1}.
 */
class FollowupIntegrationTests extends RunningFollowupService {

    /** The people of these tests: agents and a lead of every queue, and an admin. */
    private static final Map<String, String> TOKENS = Map.of(
            "ada", token("ada", Role.AGENT, "*"),
            "grace", token("grace", Role.AGENT, "*"),
            "lin", token("lin", Role.LEAD, "*"),
            "ines", token("ines", Role.ADMIN));

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("seedIncentives")
    ApplicationRunner seedIncentives;

    @Test
    void alertOpensOneCaseWorkedThroughToAClosedLoop() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        DetractorAlertRaised alert = alert(alertId, customer);
        send(Topics.ALERTS, customer, alert);
        send(Topics.ALERTS, customer, alert); // a redelivery

        JsonNode opened = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null);
        String caseId = opened.get("caseId").asString();
        assertThat(opened.get("queue").asString()).isEqualTo("executive");
        assertThat(opened.get("state").asString()).isEqualTo("OPEN");
        assertThat(get("/api/v1/suppressions?customerId=" + customer).get("customerIds").get(0).asString()).isEqualTo(customer);

        // Parallel claims by two agents: exactly one wins.
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String user = i % 2 == 0 ? "ada" : "grace";
            results.add(pool.submit((Callable<String>) () -> {
                start.await();
                return user + " " + post(user, "/api/v1/cases/" + caseId + "/claim", null).statusCode();
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();
        JsonNode claimed = get("/api/v1/cases/" + caseId);
        String holder = claimed.get("claimedBy").asString();
        String other = holder.equals("ada") ? "grace" : "ada";
        // The holder's own repeated claims may answer 200 (idempotent); every claim by the other agent got 409.
        assertThat(statuses).contains(holder + " 200").doesNotContain(other + " 200")
                .allMatch(s -> s.endsWith(" 200") || s.endsWith(" 409"));
        assertThat(post(other, "/api/v1/cases/" + caseId + "/claim", null).statusCode()).isEqualTo(409);

        HttpResponse<String> illegal = post(holder, "/api/v1/cases/" + caseId + "/resolve", null);
        assertThat(illegal.statusCode()).isEqualTo(409);
        assertThat(illegal.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(mapper.readTree(illegal.body()).get("state").asString()).isEqualTo("CLAIMED");
        assertThat(mapper.readTree(illegal.body()).get("action").asString()).isEqualTo("RESOLVE");
        assertThat(post(null, "/api/v1/cases/" + caseId + "/release", null).statusCode()).isEqualTo(401);

        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"note\":\"no answer\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"CALLBACK_REQUESTED\"}").statusCode()).isEqualTo(400);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/root-causes",
                "{\"categories\":[\"no-such-cause\"]}").statusCode()).isEqualTo(400);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/root-causes",
                "{\"categories\":[\"delivery\"]}").statusCode()).isEqualTo(200);
        HttpResponse<String> offer = post(holder, "/api/v1/cases/" + caseId + "/incentive", "{\"accepted\":true}");
        assertThat(offer.statusCode()).isEqualTo(200);
        assertThat(mapper.readTree(offer.body()).at("/incentive/experimentId").asString()).isEqualTo("delivery-incentives");
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/resolve", "{\"note\":\"sorted\"}").statusCode()).isEqualTo(200);
        assertThat(post(holder, "/api/v1/cases/" + caseId + "/resurvey", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/suppressions?customerId=" + customer).get("customerIds")).isEmpty();

        send(Topics.SCORED, customer, promoterAnswer(customer));
        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/api/v1/cases/" + caseId), node -> !node.get("answer").isNull());
        assertThat(closed.at("/answer/transition").asString()).isEqualTo("DETRACTOR->PROMOTER");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<String> types = seen.stream().filter(e -> caseId.equals(e.path("caseId").asString(null)))
                    .map(e -> e.get("eventType").asString()).toList();
            assertThat(types).filteredOn(EventTypes.CASE_OPENED::equals).hasSize(1);
            assertThat(types).contains(EventTypes.CASE_STATUS_CHANGED, EventTypes.CONTACT_ATTEMPTED,
                    EventTypes.ROOT_CAUSE_CODED, EventTypes.INCENTIVE_OFFERED, EventTypes.RESURVEY_REQUESTED,
                    EventTypes.LOOP_CLOSED);
        });
    }

    @Test
    void taxonomyIsManagedAndAPromotedSuggestionRecodesTheMatchingCases() throws Exception {
        assertThat(post("ines", "/api/v1/root-causes", "{\"name\":\"Packaging\"}").statusCode()).isEqualTo(201);
        assertThat(put("ines", "/api/v1/root-causes/packaging", "{\"name\":\"Packaging damage\"}").statusCode()).isEqualTo(200);
        assertThat(post("ines", "/api/v1/root-causes/packaging/deactivate", null).statusCode()).isEqualTo(200);
        JsonNode packaging = null;
        for (JsonNode rootCause : get("/api/v1/root-causes")) {
            if (rootCause.get("id").asString().equals("packaging")) {
                packaging = rootCause;
            }
        }
        assertThat(packaging).isNotNull();
        assertThat(packaging.get("name").asString()).isEqualTo("Packaging damage");
        assertThat(packaging.get("active").asBoolean()).isFalse();

        List<String> caseIds = new ArrayList<>();
        String[] texts = {"courier left it at the wrong address", "Wrong address again!", "送错地址了，快递很慢"};
        for (String text : texts) {
            String customer = "c-" + UUID.randomUUID();
            String alertId = "al-" + UUID.randomUUID();
            send(Topics.ALERTS, customer, alert(alertId, customer));
            String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null)
                    .get("caseId").asString();
            assertThat(post("ada", "/api/v1/cases/" + caseId + "/claim", null).statusCode()).isEqualTo(200);
            post("ada", "/api/v1/cases/" + caseId + "/contact-attempts", "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}");
            assertThat(post("ada", "/api/v1/cases/" + caseId + "/root-causes",
                    mapper.writeValueAsString(Map.of("categories", List.of("other"), "otherText", text))).statusCode()).isEqualTo(200);
            caseIds.add(caseId);
        }

        JsonNode suggestions = get("/api/v1/root-causes/suggestions?minCount=2");
        assertThat(suggestions.findValuesAsString("phrase")).contains("wrong address");

        HttpResponse<String> promoted = post("ines", "/api/v1/root-causes/suggestions/promote",
                "{\"phrase\":\"wrong address\",\"name\":\"Wrong address\",\"recode\":true}");
        assertThat(promoted.statusCode()).isEqualTo(201);
        assertThat(mapper.readTree(promoted.body()).get("recodedCases").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(caseIds.get(0), caseIds.get(1));
        assertThat(get("/api/v1/cases/" + caseIds.get(0)).get("rootCauses").get(0).asString()).isEqualTo("wrong-address");
        assertThat(get("/api/v1/cases/" + caseIds.get(2)).get("rootCauses").get(0).asString()).isEqualTo("other");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(seen).filteredOn(e -> EventTypes.ROOT_CAUSE_CODED.equals(e.path("eventType").asString(null))
                            && caseIds.get(0).equals(e.path("caseId").asString(null)))
                    .anySatisfy(e -> assertThat(e.path("categories").path(0).asString("")).isEqualTo("wrong-address"));
        });
    }

    @Test
    void incentivesAndExperimentsAreSeededOnceAndManagedByAdmins() throws Exception {
        assertThat(get("/api/v1/incentives").findValuesAsString("id")).contains("free-month", "discount-10", "coupon-15");
        assertThat(get("/api/v1/experiments").findValuesAsString("rootCause")).contains("delivery", "price", "customer-service");

        assertThat(post("ines", "/api/v1/incentives",
                "{\"id\":\"gift-box\",\"type\":\"GIFT\",\"description\":\"A gift box\",\"cost\":{\"amount\":\"20.00\",\"currency\":\"EUR\"}}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> updated = put("ines", "/api/v1/incentives/gift-box",
                "{\"type\":\"GIFT\",\"description\":\"A gift box\",\"cost\":{\"amount\":\"25.50\",\"currency\":\"EUR\"}}");
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(post("ines", "/api/v1/experiments",
                "{\"id\":\"billing-incentives\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"gift-box\"]}")
                .statusCode()).isEqualTo(201);
        assertThat(post("ines", "/api/v1/experiments",
                "{\"id\":\"billing-2\",\"rootCause\":\"billing\",\"arms\":[\"control\",\"free-month\"]}")
                .statusCode()).isEqualTo(409);

        for (JsonNode incentive : get("/api/v1/incentives")) {
            if (incentive.get("id").asString().equals("gift-box")) {
                assertThat(incentive.at("/cost/amount").asString()).isEqualTo("25.50");
                assertThat(incentive.at("/cost/currency").asString()).isEqualTo("EUR");
            }
        }
        // Seeding again (as at every start) adds nothing and undoes no change.
        seedIncentives.run(null);
        assertThat(get("/api/v1/incentives").findValuesAsString("id")).hasSize(4);
        assertThat(get("/api/v1/experiments").findValuesAsString("id")).hasSize(4);
    }

    @Test
    void followUpMetersArePublished() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String alertId = "al-" + UUID.randomUUID();
        send(Topics.ALERTS, customer, alert(alertId, customer));
        String caseId = await().atMost(Duration.ofSeconds(30)).until(() -> caseOf(alertId), node -> node != null)
                .get("caseId").asString();
        post("grace", "/api/v1/cases/" + caseId + "/claim", null);

        assertThat(meters.get("nps.followup.cases.opened").tag("kind", "RECOVERY").tag("queue", "executive").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("nps.followup.transitions").tag("action", "CLAIM").counter().count()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(meters.get("nps.followup.cases.open").tag("queue", "executive").gauge().value()).isGreaterThanOrEqualTo(1));
    }

    private JsonNode caseOf(String alertId) throws Exception {
        return caseOf(TOKENS.get("ada"), alertId);
    }

    /** A read as the lead of every queue, who may read everything these tests read. */
    private JsonNode get(String path) throws Exception {
        return json(call("GET", path, TOKENS.get("lin"), null));
    }

    /** A POST as one of the test's people, or without a token when the user is null. */
    private HttpResponse<String> post(@Nullable String user, String path, @Nullable String body) throws Exception {
        return call("POST", path, user == null ? null : TOKENS.get(user), body);
    }

    private HttpResponse<String> put(String user, String path, String body) throws Exception {
        return call("PUT", path, TOKENS.get(user), body);
    }

    private static DetractorAlertRaised alert(String alertId, String customer) {
        return alert(alertId, customer, "executive");
    }
}
