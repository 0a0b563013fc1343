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
 * Nothing accepted is lost, nothing is counted twice, across hard crashes: the five services run
 * as separate processes against one broker; while a stream of responses (with client retries)
 * flows, each consumer service is killed with SIGKILL at a different point and started again.
 * At the end every figure must equal a count computed here from the input, and every qualifying
 * response must have exactly one alert and every alert exactly one case.
 */
class CrashRecoveryEndToEndTests {

    private static final int RESPONSES = 400;
    private static final String API_KEY = "dev-key-change-me";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    private LocalKafkaBroker broker;
    private LocalMongoServer mongo;
    private final Map<ServiceKind, ServiceProcess> services = new EnumMap<>(ServiceKind.class);

    @AfterEach
    void stop() {
        services.values().forEach(ServiceProcess::close);
        if (mongo != null) {
            mongo.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void hardKillsOfEveryConsumerServiceLoseNothingAndCountNothingTwice() throws Exception {
        broker = LocalKafkaBroker.start(dir.resolve("kafka"), 0, 6);
        mongo = LocalMongoServer.inMemory(0);
        Path logs = Files.createDirectories(Path.of("target", "crash-test-logs", UUID.randomUUID().toString()));
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (ServiceKind kind : ServiceKind.values()) {
            starting.add(CompletableFuture.runAsync(() -> {
                ServiceProcess process = ServiceProcess.start(kind, broker.bootstrapServers(), mongo.connectionString(), logs);
                synchronized (services) {
                    services.put(kind, process);
                }
            }));
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();

        List<String> bodies = generate(new Random(20261123));
        PipelineCounts.Expected expected = PipelineCounts.Expected.of(bodies);
        AtomicInteger posted = new AtomicInteger();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < bodies.size(); i++) {
                statuses.add(post(bodies.get(i)));
                if (i % 10 == 0) {
                    // A client that did not see the answer and sends the same response again.
                    statuses.add(post(bodies.get(i)));
                }
                posted.incrementAndGet();
                pause(40);
            }
        });

        crashAt(posted, RESPONSES / 5, ServiceKind.SCORING);
        crashAt(posted, RESPONSES * 2 / 5, ServiceKind.ALERTING);
        crashAt(posted, RESPONSES * 3 / 5, ServiceKind.FOLLOWUP);
        crashAt(posted, RESPONSES * 4 / 5, ServiceKind.REPORTING);
        stream.join();
        // One more crash after the last record, while the consumers are still catching up.
        services.get(ServiceKind.SCORING).kill();
        services.get(ServiceKind.SCORING).launch();

        assertThat(statuses).as("every submission was accepted durably").containsOnly(202);

        JsonNode scoring = await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> get(ServiceKind.SCORING, "/api/v1/nps?window=30d"), node -> node.path("n").asLong() >= RESPONSES);
        assertThat(scoring.path("n").asLong()).isEqualTo(RESPONSES);
        assertThat(scoring.path("promoters").asLong()).isEqualTo(expected.promoters());
        assertThat(scoring.path("passives").asLong()).isEqualTo(expected.passives());
        assertThat(scoring.path("detractors").asLong()).isEqualTo(expected.detractors());

        JsonNode overview = await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                .until(() -> get(ServiceKind.REPORTING, "/api/v1/reports/overview"),
                        node -> PipelineClient.n(node, "30d") >= RESPONSES && node.path("openCases").asLong() >= expected.detractors());
        JsonNode thirtyDays = PipelineClient.window(overview, "30d");
        assertThat(thirtyDays.path("n").asLong()).isEqualTo(RESPONSES);
        assertThat(thirtyDays.path("promoters").asLong()).isEqualTo(expected.promoters());
        assertThat(thirtyDays.path("detractors").asLong()).isEqualTo(expected.detractors());
        assertThat(overview.path("openCases").asLong()).isEqualTo(expected.detractors());

        PipelineCounts.assertOneAlertPerDetractorAndOneCasePerAlert(broker.bootstrapServers(), expected, RESPONSES);
        assertThat(services.values()).allSatisfy(service -> assertThat(service.starts()).isPositive());
        assertThat(services.get(ServiceKind.SCORING).starts()).isEqualTo(3);
    }

    private void crashAt(AtomicInteger posted, int threshold, ServiceKind kind) {
        await().atMost(Duration.ofSeconds(180)).until(() -> posted.get() >= threshold);
        ServiceProcess service = services.get(kind);
        service.kill();
        service.launch();
    }

    private static List<String> generate(Random random) {
        String[] channels = {"email", "web", "in_app", "sms"};
        String[] regions = {"EMEA", "AMER", "APAC"};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < RESPONSES; i++) {
            Instant respondedAt = now.minus(Duration.ofMinutes(random.nextInt(28 * 24 * 60)));
            bodies.add("{\"responseId\":\"crash-" + i + "\",\"customerId\":\"cust-" + i + "\",\"score\":" + random.nextInt(11)
                    + ",\"channel\":\"" + channels[random.nextInt(channels.length)] + "\",\"respondedAt\":\"" + respondedAt
                    + "\",\"attributes\":{\"region\":\"" + regions[random.nextInt(regions.length)] + "\"}}");
        }
        return bodies;
    }

    private int post(String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(services.get(ServiceKind.SURVEY_INGEST).url() + "/api/v1/responses"))
                    .header("Content-Type", "application/json")
                    .header("X-API-Key", API_KEY)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(ServiceKind kind, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(services.get(kind).url() + path))
                .header("Authorization", "Bearer " + PipelineClient.token("crash-check", Role.ANALYST))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Paces the generated stream (about 25 responses a second), so the crashes land mid-stream. */
    private static void pause(long millis) {
        LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
    }
}
