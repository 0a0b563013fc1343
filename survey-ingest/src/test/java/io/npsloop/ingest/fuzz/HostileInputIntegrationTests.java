package io.npsloop.ingest.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpServer;
import io.npsloop.contracts.Topics;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.fuzz.HostileDeliveries.Delivery;
import io.npsloop.ingest.fuzz.HostileResponses.Body;
import io.npsloop.ingest.fuzz.HostileResponses.Verdict;
import io.npsloop.ingest.support.RunningIngest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile bodies against the running service, on the real broker and store: for every body that is
 * refused (single, batch, CSV import, each survey tool's webhook) the answer is a 4xx problem, no
 * ledger entry or delivery id is written to this service's database and no record reaches
 * {@code nps.responses.v1}. Then bodies whose hostile text is allowed, and each tool's documented
 * delivery, are accepted, written once and published once with exactly their values: the checks
 * that saw nothing before do see writes.
 */
class HostileInputIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "ingest_hostile_it_" + RUN;
    private static final String SOURCE = "fuzz" + RUN;
    private static final String KEY = "fuzz-key-" + RUN;

    private static HttpServer toolApi;
    private static final Map<String, String> toolAnswers = new ConcurrentHashMap<>();
    private static RunningIngest ingest;

    @BeforeAll
    static void start() throws IOException {
        toolApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        toolApi.createContext("/", exchange -> {
            String answer = toolAnswers.get(exchange.getRequestURI().getPath());
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        toolApi.start();
        String api = "http://127.0.0.1:" + toolApi.getAddress().getPort();
        ingest = RunningIngest.start(DATABASE,
                "--nps.ingest.api-keys[0].name=fuzz",
                "--nps.ingest.api-keys[0].source=" + SOURCE,
                "--nps.ingest.api-keys[0].sha256=" + sha256(KEY),
                "--nps.ingest.rate-limit.permits=1000000",
                "--nps.ingest.webhooks.typeform.enabled=true",
                "--nps.ingest.webhooks.typeform.secret=" + HostileDeliveries.TYPEFORM_SECRET,
                "--nps.ingest.webhooks.typeform.nps-question=nps_score",
                "--nps.ingest.webhooks.typeform.comment-question=nps_reason",
                "--nps.ingest.webhooks.typeform.attribute-fields=region",
                "--nps.ingest.webhooks.formbricks.enabled=true",
                "--nps.ingest.webhooks.formbricks.secret=" + HostileDeliveries.FORMBRICKS_SECRET,
                "--nps.ingest.webhooks.formbricks.nps-question=npsq",
                "--nps.ingest.webhooks.formbricks.comment-question=whyq",
                "--nps.ingest.webhooks.formbricks.attribute-fields=plan",
                "--nps.ingest.webhooks.delighted.enabled=true",
                "--nps.ingest.webhooks.delighted.secret=" + HostileDeliveries.DELIGHTED_TOKEN,
                "--nps.ingest.webhooks.delighted.attribute-fields=Purchase Experience",
                "--nps.ingest.webhooks.surveymonkey.enabled=true",
                "--nps.ingest.webhooks.surveymonkey.api-key=" + HostileDeliveries.SURVEYMONKEY_KEY,
                "--nps.ingest.webhooks.surveymonkey.secret=" + HostileDeliveries.SURVEYMONKEY_SECRET,
                "--nps.ingest.webhooks.surveymonkey.api-token=" + HostileDeliveries.SURVEYMONKEY_TOKEN,
                "--nps.ingest.webhooks.surveymonkey.api-base-url=" + api,
                "--nps.ingest.webhooks.surveymonkey.nps-question=50000001",
                "--nps.ingest.webhooks.surveymonkey.comment-question=50000002",
                "--nps.ingest.webhooks.qualtrics.enabled=true",
                "--nps.ingest.webhooks.qualtrics.secret=" + HostileDeliveries.QUALTRICS_TOKEN,
                "--nps.ingest.webhooks.qualtrics.api-base-url=" + api,
                "--nps.ingest.webhooks.qualtrics.api-token=" + HostileDeliveries.QUALTRICS_API_TOKEN,
                "--nps.ingest.webhooks.qualtrics.nps-question=QID1",
                "--nps.ingest.webhooks.qualtrics.comment-question=QID2_TEXT");
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        toolApi.stop(0);
    }

    @Test
    void refusedBodiesLeaveNothingInTheStoreOrOnTheTopicWhileAcceptedHostileTextIsKeptExactly() {
        long seed = Seeds.next();
        SplittableRandom random = new SplittableRandom(seed);
        Map<TopicPartition, Long> before = endOffsets();
        List<String> failures = new ArrayList<>();

        HostileResponses bodies = new HostileResponses(random, 1024 * 1024);
        for (int i = 0; i < 40; i++) {
            Body body = rejectedWithinTheLimit(bodies, "hz-" + RUN + "-" + i);
            expectRefused(failures, "single " + body.describe(), post("/api/v1/responses", "application/json", body.json()));
        }
        for (int i = 0; i < 10; i++) {
            StringBuilder batch = new StringBuilder("{\"responses\":[");
            List<String> described = new ArrayList<>();
            for (int n = 0, size = 1 + random.nextInt(4); n < size; n++) {
                Body item = rejectedItem(bodies, "hzb-" + RUN + "-" + i + "-" + n);
                batch.append(n > 0 ? "," : "").append(item.text());
                described.add(item.describe());
            }
            HttpResponse<String> answer = post("/api/v1/responses/batch", "application/json",
                    batch.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            if (answer.statusCode() == 200) {
                JsonNode result = JSON.readTree(answer.body());
                if (result.path("accepted").asInt() + result.path("updated").asInt() + result.path("duplicate").asInt() != 0) {
                    failures.add("batch took an item: " + described + " -> " + answer.body());
                }
            } else {
                expectRefused(failures, "batch " + described, answer);
            }
        }
        HostileCsv files = new HostileCsv(random);
        for (int i = 0; i < 8; i++) {
            HostileCsv.File file = files.nextRejected("hzc-" + RUN + "-" + i);
            HttpResponse<String> answer = post("/api/v1/responses/import", file.contentType(), file.bytes());
            if (answer.statusCode() == 200) {
                if (JSON.readTree(answer.body()).path("accepted").asInt() != 0) {
                    failures.add("import took a row: " + file.describe() + " -> " + answer.body());
                }
            } else {
                expectRefused(failures, "import " + file.describe(), answer);
            }
        }
        HostileDeliveries deliveries = new HostileDeliveries(random);
        int n = 0;
        for (String provider : HostileDeliveries.PROVIDERS) {
            for (int i = 0; i < 10; i++) {
                Delivery delivery = deliveries.nextRefused(provider, RUN + "x" + n++);
                expectRefused(failures, "webhook " + delivery.describe(), deliver(delivery));
            }
        }
        for (String provider : List.of("delighted", "qualtrics")) {
            // The token travels in the query, whose escapes the service decodes itself.
            Delivery valid = deliveries.valid(provider, RUN + "q" + n++);
            Delivery brokenEscape = new Delivery(provider, "?token=%zz", valid.headers(), valid.body(), valid.apiPath(), valid.apiAnswer(),
                    valid.responseId(), HostileDeliveries.Expectation.REFUSED, "token with a broken escape");
            expectRefused(failures, "webhook " + brokenEscape.describe(), deliver(brokenEscape));
        }

        assertThat(failures).as("seed %d", seed).isEmpty();
        assertThat(stored("submissions")).as("ledger entries after refused bodies").isZero();
        assertThat(stored("webhook_deliveries")).as("delivery ids after refused deliveries").isZero();
        assertThat(ours(recordsSince(before))).as("records published for refused bodies").isEmpty();

        Map<String, Body> accepted = new HashMap<>();
        for (int i = 0; i < 15; i++) {
            Body body = bodies.nextValid("hv-" + RUN + "-" + i);
            HttpResponse<String> answer = post("/api/v1/responses", "application/json", body.json());
            assertThat(answer.statusCode()).as("seed %d: %s -> %s", seed, body.describe(), answer.body()).isEqualTo(202);
            accepted.put(body.responseId(), body);
        }
        List<String> webhookIds = new ArrayList<>();
        for (String provider : HostileDeliveries.PROVIDERS) {
            Delivery delivery = deliveries.valid(provider, RUN + "v" + n++);
            Answer answer = deliver(delivery);
            assertThat(answer.status()).as("%s -> %s", delivery.describe(), answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo("accepted");
            webhookIds.add(delivery.responseId());
        }

        List<JsonNode> published = ours(recordsSince(before));
        assertThat(published).extracting(event -> event.path("responseId").asString())
                .containsExactlyInAnyOrderElementsOf(concat(accepted.keySet(), webhookIds));
        for (JsonNode event : published) {
            Body body = accepted.get(event.path("responseId").asString());
            if (body != null) {
                HostileResponses.Expected expected = body.expected();
                assertThat(event.path("source").asString()).isEqualTo(SOURCE);
                assertThat(event.path("customerId").asString()).as(body.describe()).isEqualTo(expected.customerId());
                assertThat(event.path("score").asInt()).as(body.describe()).isEqualTo(expected.score());
                assertThat(event.path("comment").isNull() ? null : event.path("comment").asString()).as(body.describe())
                        .isEqualTo(expected.comment());
                assertThat(JSON.convertValue(event.path("attributes"), Map.class)).as(body.describe()).isEqualTo(expected.attributes());
            }
        }
        assertThat(stored("submissions")).isEqualTo(accepted.size() + webhookIds.size());
        assertThat(stored("webhook_deliveries")).isEqualTo(webhookIds.size());
    }

    private static Body rejectedWithinTheLimit(HostileResponses bodies, String responseId) {
        while (true) {
            Body body = bodies.nextRejected(responseId);
            // A body over the limit is answered before it is read; the MockMvc tests cover that answer.
            if (body.verdict() != Verdict.TOO_LARGE) {
                return body;
            }
        }
    }

    private static Body rejectedItem(HostileResponses bodies, String responseId) {
        while (true) {
            Body item = bodies.nextItem(responseId);
            if (item.verdict() == Verdict.RULE || item.verdict() == Verdict.TYPE) {
                return item;
            }
        }
    }

    private static void expectRefused(List<String> failures, String what, HttpResponse<String> answer) {
        expectRefused(failures, what, new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body()));
    }

    private static void expectRefused(List<String> failures, String what, Answer answer) {
        if (answer.status() < 400 || answer.status() >= 500 || !answer.contentType().startsWith("application/problem+json")) {
            failures.add(what + "\n    -> " + answer.status() + " " + answer.body());
        }
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) {
        return ingest.post(path, Map.of("X-API-Key", KEY, "Content-Type", contentType), body);
    }

    private static Answer deliver(Delivery delivery) {
        if (delivery.apiPath() != null && delivery.apiAnswer() != null) {
            toolAnswers.put(delivery.apiPath(), delivery.apiAnswer());
        }
        String target = "/api/v1/webhooks/" + delivery.provider() + delivery.query();
        try {
            java.net.URI.create("http://localhost" + target);
        } catch (IllegalArgumentException e) {
            // A query with a broken %-escape, which the HTTP client refuses to send: written to the socket as is.
            return raw(target, delivery.headers(), delivery.body());
        }
        HttpResponse<String> answer = ingest.post(target, delivery.headers(), delivery.body());
        return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body());
    }

    /** Status, content type and body of an answer, however it was sent. */
    private record Answer(int status, String contentType, String body) {
    }

    private static Answer raw(String target, Map<String, String> headers, byte[] body) {
        try (java.net.Socket socket = new java.net.Socket("localhost", ingest.port())) {
            StringBuilder head = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = text.lines().takeWhile(line -> !line.isEmpty())
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip()).findFirst().orElse("");
            int start = text.indexOf("\r\n\r\n");
            return new Answer(status, contentType, start < 0 ? "" : text.substring(start + 4));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long stored(String collection) {
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            MongoDatabase database = client.getDatabase(DATABASE);
            return database.getCollection(collection).countDocuments();
        }
    }

    /** Events of this test: from its API key's source, or webhook responses whose ids carry this run's mark. */
    private static List<JsonNode> ours(List<JsonNode> events) {
        return events.stream().filter(event -> event.path("source").asString().equals(SOURCE)
                || event.path("responseId").asString().contains(RUN)).toList();
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer), Duration.ofSeconds(30));
        }
    }

    /** Every record appended since {@code before}, read up to the end offsets as they are now. */
    private static List<JsonNode> recordsSince(Map<TopicPartition, Long> before) {
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, before.getOrDefault(partition, 0L)));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(JSON.readTree(record.value()));
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
        }
        return events;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.shared().kafkaBootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : consumer.partitionsFor(Topics.RESPONSES, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(partition.topic(), partition.partition()));
        }
        return partitions;
    }

    private static List<String> concat(java.util.Collection<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
