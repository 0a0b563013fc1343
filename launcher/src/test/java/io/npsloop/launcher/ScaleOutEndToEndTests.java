package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.npsloop.infra.LocalKafkaBroker;
import io.npsloop.infra.LocalMongoServer;
import io.npsloop.platform.security.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out is Kafka's: two instances of every consumer service share each consumer group (and the
 * service's database), as replicas of a deployment do, and the partitions are split between them.
 * While a stream of batches (some sent twice, as a client retrying) flows, one instance of each
 * service is stopped and started again, so every group rebalances mid-stream at least twice and
 * partitions move between instances with batches in flight. At the end every figure must equal a
 * count made here from the input, and every detractor must have exactly one alert and every alert
 * exactly one case: nothing lost, nothing counted twice.
 */
class ScaleOutEndToEndTests {

    private static final int BATCHES = 30;
    private static final int BATCH_SIZE = 100;
    private static final int RESPONSES = BATCHES * BATCH_SIZE;
    private static final String API_KEY = "dev-key-change-me";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<ServiceKind> CONSUMERS = List.of(ServiceKind.SCORING, ServiceKind.ALERTING, ServiceKind.FOLLOWUP,
            ServiceKind.REPORTING);

    @TempDir
    Path dir;

    private LocalKafkaBroker broker;
    private LocalMongoServer mongo;
    private ServiceProcess ingest;
    private final Map<ServiceKind, List<ServiceProcess>> instances = Collections.synchronizedMap(new EnumMap<>(ServiceKind.class));

    @AfterEach
    void stop() {
        instances.values().forEach(list -> list.forEach(ServiceProcess::close));
        if (ingest != null) {
            ingest.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void twoInstancesPerConsumerGroupWithRebalancesMidStreamLoseNothingAndCountNothingTwice() throws Exception {
        broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 6);
        mongo = LocalMongoServer.inMemory(0);
        Path logs = Files.createDirectories(Path.of("target", "scale-out-logs", UUID.randomUUID().toString()));
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        starting.add(CompletableFuture.runAsync(() ->
                ingest = ServiceProcess.start(ServiceKind.SURVEY_INGEST, broker.bootstrapServers(), mongo.connectionString(), logs)));
        for (ServiceKind kind : CONSUMERS) {
            for (String instance : List.of("-a", "-b")) {
                starting.add(CompletableFuture.runAsync(() -> {
                    ServiceProcess process = ServiceProcess.start(kind, broker.bootstrapServers(), mongo.connectionString(), logs, instance);
                    instances.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>())).add(process);
                }));
            }
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();

        List<String> bodies = generate(new Random(20261203));
        PipelineCounts.Expected expected = PipelineCounts.Expected.of(bodies);
        AtomicInteger sent = new AtomicInteger();
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int b = 0; b < BATCHES; b++) {
                String batch = "{\"responses\":[" + String.join(",", bodies.subList(b * BATCH_SIZE, (b + 1) * BATCH_SIZE)) + "]}";
                outcomes.addAll(post(batch));
                if (b % 5 == 0) {
                    // A client that did not see the answer and sends the whole batch again.
                    outcomes.addAll(post(batch));
                }
                sent.incrementAndGet();
                LockSupport.parkNanos(Duration.ofMillis(400).toNanos());
            }
        });

        // Each group loses an instance mid-stream (its partitions move to the other one) and gets it back.
        await().atMost(Duration.ofSeconds(180)).until(() -> sent.get() >= BATCHES / 4);
        second(ServiceKind.SCORING).stop();
        second(ServiceKind.ALERTING).stop();
        await().atMost(Duration.ofSeconds(180)).until(() -> sent.get() >= BATCHES / 2);
        second(ServiceKind.FOLLOWUP).stop();
        second(ServiceKind.REPORTING).stop();
        second(ServiceKind.SCORING).launch();
        second(ServiceKind.ALERTING).launch();
        stream.join();
        second(ServiceKind.FOLLOWUP).launch();
        second(ServiceKind.REPORTING).launch();

        assertThat(outcomes).as("every item of every batch accepted once, its retries answered as duplicates")
                .hasSize(RESPONSES + (BATCHES / 5) * BATCH_SIZE)
                .containsOnly("accepted", "duplicate");
        assertThat(outcomes.stream().filter("accepted"::equals).count()).isEqualTo(RESPONSES);

        JsonNode scoring = await().atMost(Duration.ofSeconds(240)).ignoreExceptions()
                .until(() -> get(first(ServiceKind.SCORING), "/api/v1/nps?window=30d"), node -> node.path("n").asLong() >= RESPONSES);
        assertThat(scoring.path("n").asLong()).isEqualTo(RESPONSES);
        assertThat(scoring.path("promoters").asLong()).isEqualTo(expected.promoters());
        assertThat(scoring.path("passives").asLong()).isEqualTo(expected.passives());
        assertThat(scoring.path("detractors").asLong()).isEqualTo(expected.detractors());

        for (ServiceProcess reporting : instances.get(ServiceKind.REPORTING)) {
            JsonNode overview = await().atMost(Duration.ofSeconds(240)).ignoreExceptions()
                    .until(() -> get(reporting, "/api/v1/reports/overview"),
                            node -> PipelineClient.n(node, "30d") >= RESPONSES && node.path("openCases").asLong() >= expected.detractors());
            JsonNode thirtyDays = PipelineClient.window(overview, "30d");
            assertThat(thirtyDays.path("n").asLong()).as("either instance answers from the shared read model").isEqualTo(RESPONSES);
            assertThat(thirtyDays.path("promoters").asLong()).isEqualTo(expected.promoters());
            assertThat(thirtyDays.path("detractors").asLong()).isEqualTo(expected.detractors());
            assertThat(overview.path("openCases").asLong()).isEqualTo(expected.detractors());
        }

        PipelineCounts.assertOneAlertPerDetractorAndOneCasePerAlert(broker.bootstrapServers(), expected, RESPONSES);
        assertThat(CONSUMERS).allSatisfy(kind -> assertThat(second(kind).starts()).as(kind + " restarted").isEqualTo(2));
    }

    private ServiceProcess first(ServiceKind kind) {
        return instances.get(kind).get(0);
    }

    private ServiceProcess second(ServiceKind kind) {
        return instances.get(kind).get(1);
    }

    private static List<String> generate(Random random) {
        String[] channels = {"email", "web", "in_app", "sms"};
        String[] regions = {"EMEA", "AMER", "APAC"};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < RESPONSES; i++) {
            Instant respondedAt = now.minus(Duration.ofMinutes(random.nextInt(28 * 24 * 60)));
            bodies.add("{\"responseId\":\"scale-" + i + "\",\"customerId\":\"cust-" + i + "\",\"score\":" + random.nextInt(11)
                    + ",\"channel\":\"" + channels[random.nextInt(channels.length)] + "\",\"respondedAt\":\"" + respondedAt
                    + "\",\"attributes\":{\"region\":\"" + regions[random.nextInt(regions.length)] + "\"}}");
        }
        return bodies;
    }

    /** The status of each item of the batch, in order. */
    private List<String> post(String batch) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/api/v1/responses/batch"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", API_KEY)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(batch)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body()).path("results").findValuesAsString("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(ServiceProcess service, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + path))
                .header("Authorization", "Bearer " + PipelineClient.token("scale-out-check", Role.ANALYST))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
