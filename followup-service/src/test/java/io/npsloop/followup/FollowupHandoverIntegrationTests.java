package io.npsloop.followup;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import io.npsloop.contracts.EventTypes;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Team leads hand cases over, against the running service on the real broker and store: to a named
 * agent of the team (assign) and to another team's queue (transfer). Only leads may, only in their
 * queues (another queue's case answers as a missing one), never once a case is done, and parallel
 * hand-overs of one case never lose a change.
 */
class FollowupHandoverIntegrationTests extends RunningFollowupService {

    /** Queues no other test class uses: the classes share one database, and hand-overs create queues. */
    private static final String BILLING = "invoicing";
    private static final String SHIPPING = "couriers";

    private static final String ANA = token("ana.agent", Role.AGENT, BILLING);
    private static final String BEA = token("bea", Role.AGENT, BILLING);
    private static final String BEN = token("ben", Role.AGENT, SHIPPING);
    private static final String LEA = token("lea", Role.LEAD, BILLING, BILLING + "-*");
    private static final String LIN = token("lin", Role.LEAD, "*");
    private static final String ALI = token("ali", Role.ANALYST, "*");
    private static final String INES = token("ines", Role.ADMIN);

    @Test
    void leadAssignsACaseToAnAgentReplacingTheHolder() throws Exception {
        String caseId = openCase(BILLING);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ANA, null).statusCode()).isEqualTo(200);

        Instant before = Instant.now();
        HttpResponse<String> assigned = call("POST", "/api/v1/cases/" + caseId + "/assign", LEA, "{\"agent\":\"bea\"}");

        assertThat(assigned.statusCode()).isEqualTo(200);
        JsonNode c = json(assigned);
        assertThat(c.get("claimedBy").asString()).isEqualTo("bea");
        assertThat(c.get("state").asString()).isEqualTo("CLAIMED");
        assertThat(Instant.parse(c.get("claimExpiresAt").asString()))
                .isBetween(before.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
        JsonNode audit = c.get("audit").get(c.get("audit").size() - 1);
        assertThat(audit.get("who").asString()).isEqualTo("lea");
        assertThat(audit.get("what").asString()).isEqualTo("ASSIGN");
        assertThat(audit.get("details").asString()).isEqualTo("to bea (was held by ana.agent)");

        assertThat(call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", BEA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}").statusCode()).as("the new holder works it").isEqualTo(200);
        HttpResponse<String> former = call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ANA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}");
        assertThat(former.statusCode()).isEqualTo(409);
        assertThat(json(former).get("claimedBy").asString()).isEqualTo("bea");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<JsonNode> status = events(caseId, EventTypes.CASE_STATUS_CHANGED);
            assertThat(status).anySatisfy(e -> {
                assertThat(e.path("fromState").asString()).isEqualTo("CLAIMED");
                assertThat(e.path("toState").asString()).isEqualTo("CLAIMED");
                assertThat(e.path("actor").asString()).isEqualTo("lea");
                assertThat(e.path("owner").asString()).isEqualTo("bea");
                assertThat(e.path("reason").asString()).isEqualTo("assigned to bea");
            });
            assertThat(status).extracting(e -> e.path("sequence").asLong()).doesNotHaveDuplicates();
        });
    }

    @Test
    void leadTransfersACaseToAnotherTeamWhichThenWorksIt() throws Exception {
        String caseId = openCase(BILLING);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ANA, null).statusCode()).isEqualTo(200);

        HttpResponse<String> moved = call("POST", "/api/v1/cases/" + caseId + "/transfer", LEA,
                "{\"queue\":\"" + SHIPPING + "\",\"reason\":\"a delivery problem, not billing\"}");

        assertThat(moved.statusCode()).isEqualTo(200);
        JsonNode c = json(moved);
        assertThat(c.get("queue").asString()).isEqualTo(SHIPPING);
        assertThat(c.get("state").asString()).isEqualTo("OPEN");
        assertThat(c.get("claimedBy").isNull()).isTrue();
        JsonNode audit = c.get("audit").get(c.get("audit").size() - 1);
        assertThat(audit.get("who").asString()).isEqualTo("lea");
        assertThat(audit.get("what").asString()).isEqualTo("TRANSFER");
        assertThat(audit.get("details").asString()).isEqualTo("transferred: " + BILLING + " -> " + SHIPPING + ": a delivery problem, not billing");

        assertThat(json(call("GET", "/api/v1/cases?queue=" + SHIPPING + "&limit=500", BEN, null)).findValuesAsString("caseId"))
                .contains(caseId);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", BEN, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/cases/" + caseId, LEA, null).statusCode()).as("out of the lead's queues").isEqualTo(404);
        assertThat(call("GET", "/api/v1/cases/" + caseId, ANA, null).statusCode()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(events(caseId, EventTypes.CASE_STATUS_CHANGED)).anySatisfy(e -> {
                assertThat(e.path("queue").asString()).isEqualTo(SHIPPING);
                assertThat(e.path("fromState").asString()).isEqualTo("CLAIMED");
                assertThat(e.path("toState").asString()).isEqualTo("OPEN");
                assertThat(e.path("actor").asString()).isEqualTo("lea");
                assertThat(e.path("reason").asString()).startsWith("transferred: " + BILLING + " -> " + SHIPPING);
            });
        });
    }

    @Test
    void onlyLeadsHandOverAndAnotherQueuesCaseIsNotFoundLikeAMissingOne() throws Exception {
        String billing = openCase(BILLING);
        String shipping = openCase(SHIPPING);
        assertThat(call("POST", "/api/v1/cases/" + shipping + "/claim", BEN, null).statusCode()).isEqualTo(200);
        JsonNode before = json(call("GET", "/api/v1/cases/" + shipping, BEN, null));
        String missing = "no-such-" + UUID.randomUUID();
        String[][] handOvers = {{"assign", "{\"agent\":\"ana.agent\"}"}, {"transfer", "{\"queue\":\"" + BILLING + "\"}"}};

        for (String[] handOver : handOvers) {
            for (String refused : new String[] {ANA, INES, ALI}) {
                assertProblem(call("POST", "/api/v1/cases/" + billing + "/" + handOver[0], refused, handOver[1]), 403);
            }
            assertProblem(call("POST", "/api/v1/cases/" + billing + "/" + handOver[0], null, handOver[1]), 401);

            HttpResponse<String> hidden = call("POST", "/api/v1/cases/" + shipping + "/" + handOver[0], LEA, handOver[1]);
            HttpResponse<String> absent = call("POST", "/api/v1/cases/" + missing + "/" + handOver[0], LEA, handOver[1]);
            assertProblem(hidden, 404);
            assertProblem(absent, 404);
            assertThat(hidden.body().replace(shipping, "ID")).isEqualTo(absent.body().replace(missing, "ID"));
        }

        assertThat(json(call("GET", "/api/v1/cases/" + shipping, BEN, null))).as("nothing was applied").isEqualTo(before);
        assertThat(json(call("GET", "/api/v1/cases/" + billing, ANA, null)).get("audit").findValuesAsString("what"))
                .doesNotContain("ASSIGN", "TRANSFER");
    }

    @Test
    void closedCaseIsNeitherAssignedNorTransferred() throws Exception {
        String caseId = openCase(BILLING);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/claim", ANA, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/contact-attempts", ANA,
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\"}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/root-causes", ANA, "{\"categories\":[\"price\"]}").statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/resolve", ANA, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/cases/" + caseId + "/close", LEA, null).statusCode()).isEqualTo(200);

        HttpResponse<String> assign = call("POST", "/api/v1/cases/" + caseId + "/assign", LEA, "{\"agent\":\"bea\"}");
        HttpResponse<String> transfer = call("POST", "/api/v1/cases/" + caseId + "/transfer", LEA, "{\"queue\":\"" + SHIPPING + "\"}");

        assertProblem(assign, 409);
        assertThat(json(assign).get("state").asString()).isEqualTo("CLOSED");
        assertThat(json(assign).get("action").asString()).isEqualTo("ASSIGN");
        assertProblem(transfer, 409);
        assertThat(json(transfer).get("action").asString()).isEqualTo("TRANSFER");
        JsonNode closed = json(call("GET", "/api/v1/cases/" + caseId, LEA, null));
        assertThat(closed.get("queue").asString()).isEqualTo(BILLING);
        assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
    }

    @Test
    void parallelHandOversOfOneCaseEachApplyOnceOrAreRefused() throws Exception {
        String caseId = openCase(BILLING);
        long version = json(call("GET", "/api/v1/cases/" + caseId, LIN, null)).get("version").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            // Distinct agents and queues, so that no hand-over is a no-op: every 200 is a stored change.
            // The queues are in the first lead's team scope (invoicing-*), so both leads keep the case in sight.
            String path = i % 2 == 0 ? "/assign" : "/transfer";
            String body = i % 2 == 0 ? "{\"agent\":\"agent-" + i + "\"}" : "{\"queue\":\"" + BILLING + "-" + i + "\"}";
            String lead = i % 4 < 2 ? LEA : LIN;
            results.add(pool.submit((Callable<String>) () -> {
                start.await();
                HttpResponse<String> response = call("POST", "/api/v1/cases/" + caseId + path, lead, body);
                return response.statusCode() + " " + (response.statusCode() == 409 ? json(response).get("action").asString() : "");
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> result : results) {
            statuses.add(result.get());
        }
        pool.shutdown();

        JsonNode after = json(call("GET", "/api/v1/cases/" + caseId, LIN, null));
        List<JsonNode> handOvers = after.get("audit").valueStream()
                .filter(a -> List.of("ASSIGN", "TRANSFER").contains(a.get("what").asString())).toList();
        long applied = statuses.stream().filter(s -> s.startsWith("200")).count();
        assertThat(statuses).allMatch(s -> s.startsWith("200") || s.equals("409 ASSIGN") || s.equals("409 TRANSFER"));
        assertThat(applied).as("at least one hand-over wins").isPositive();
        assertThat(handOvers).as("each 200 is one audit entry, no more, no less").hasSize((int) applied);
        assertThat(after.get("version").asLong()).isEqualTo(version + applied);
        JsonNode last = handOvers.get(handOvers.size() - 1);
        if (last.get("what").asString().equals("ASSIGN")) {
            assertThat(last.get("details").asString()).startsWith("to " + after.get("claimedBy").asString() + " ");
        } else {
            assertThat(last.get("details").asString()).endsWith("-> " + after.get("queue").asString());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<JsonNode> status = events(caseId, EventTypes.CASE_STATUS_CHANGED);
            assertThat(status).as("one status event per applied hand-over").hasSize((int) applied);
            assertThat(status).as("numbered without gaps").extracting(e -> e.path("sequence").asLong())
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, applied).boxed().toList());
        });
    }

    /**
     * The case's events of a type, each once: the outbox publishes at least once (parallel changes
     * of a case may each relay the same pending event), consumers deduplicate on the event id.
     */
    private static List<JsonNode> events(String caseId, String type) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        seen.stream().filter(e -> caseId.equals(e.path("caseId").asString(null))
                        && type.equals(e.path("eventType").asString(null)))
                .forEach(e -> byId.putIfAbsent(e.path("eventId").asString(), e));
        return List.copyOf(byId.values());
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("status").asInt()).isEqualTo(status);
    }
}
