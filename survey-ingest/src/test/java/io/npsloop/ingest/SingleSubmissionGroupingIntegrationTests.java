package io.npsloop.ingest;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrent single POSTs on the real broker and the wire-compatible store are grouped for the
 * intake, and every request is still answered for its own response: 200 at once are all 202, the
 * topic holds exactly 200 records, one per response, and the same 200 again are all duplicates
 * that add nothing.
 */
class SingleSubmissionGroupingIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIENTS = 200;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "ingest_grouping_it_" + run;

    @Test
    void twoHundredConcurrentSinglePostsAreEachAcceptedOnceAndTheirRetriesAreDuplicates() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (RunningIngest app = RunningIngest.start(database, "--nps.ingest.rate-limit.permits=1000000",
                "--nps.ingest.single-linger=2ms", "--nps.ingest.single-max-group=200");
                ResponsesTopic topic = new ResponsesTopic()) {
            List<Request> requests = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                // Half carry their own id, half only an Idempotency-Key, as clients without ids send them.
                requests.add(i % 2 == 0
                        ? new Request("{\"responseId\":\"grp-" + run + "-" + i + "\",\"customerId\":\"c-" + (i % 17)
                                + "\",\"score\":" + (i % 11) + ",\"channel\":\"web\"}", null)
                        : new Request("{\"customerId\":\"c-" + (i % 17) + "\",\"score\":" + (i % 11) + "}", "grp-" + run + "-" + i));
            }

            List<HttpResponse<String>> first = postAllAtOnce(app, requests, clients);
            List<String> ids = new ArrayList<>();
            for (HttpResponse<String> answer : first) {
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                JsonNode body = JSON.readTree(answer.body());
                assertThat(body.path("status").asString()).isEqualTo("accepted");
                ids.add(body.path("responseId").asString());
            }
            assertThat(ids).doesNotHaveDuplicates();
            for (int i = 0; i < CLIENTS; i += 2) {
                assertThat(ids.get(i)).as("a client's own id is kept").isEqualTo("grp-" + run + "-" + i);
            }

            List<HttpResponse<String>> retried = postAllAtOnce(app, requests, clients);
            for (int i = 0; i < CLIENTS; i++) {
                HttpResponse<String> answer = retried.get(i);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
                JsonNode body = JSON.readTree(answer.body());
                assertThat(body.path("status").asString()).isEqualTo("duplicate");
                assertThat(body.path("responseId").asString()).isEqualTo(ids.get(i));
            }

            Set<String> expected = new HashSet<>(ids);
            await().atMost(Duration.ofSeconds(30)).until(() -> published(topic, expected).size() >= CLIENTS);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> published(topic, expected).size() == CLIENTS);
            List<JsonNode> records = published(topic, expected);
            assertThat(records).extracting(event -> event.path("responseId").asString()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(records).extracting(event -> event.path("eventId").asString()).doesNotHaveDuplicates();

            DistributionSummary groups = app.context().getBean(MeterRegistry.class).get("nps.ingest.single.group.size").summary();
            assertThat(groups.totalAmount()).as("every single POST went through the grouping").isEqualTo(2.0 * CLIENTS);
            assertThat(groups.count()).as("concurrent POSTs shared groups").isLessThan(2L * CLIENTS);
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<HttpResponse<String>> postAllAtOnce(RunningIngest app, List<Request> requests, ExecutorService clients) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (Request request : requests) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json", "X-API-Key", RunningIngest.DEV_KEY));
                if (request.idempotencyKey() != null) {
                    headers.put("Idempotency-Key", request.idempotencyKey());
                }
                return app.post("/api/v1/responses", headers, request.json().getBytes(StandardCharsets.UTF_8));
            }, clients));
        }
        start.countDown();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static List<JsonNode> published(ResponsesTopic topic, Set<String> responseIds) {
        return topic.matching(event -> "dev".equals(event.path("source").asString())
                && responseIds.contains(event.path("responseId").asString()))
                .stream().map(ResponsesTopic.Received::value).toList();
    }

    private record Request(String json, @Nullable String idempotencyKey) {
    }
}
