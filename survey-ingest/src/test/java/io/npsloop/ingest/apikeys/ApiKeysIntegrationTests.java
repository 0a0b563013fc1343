package io.npsloop.ingest.apikeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of survey-ingest on one database, on the real broker and store: a key an admin
 * creates on one is taken there at once and on the other after its refresh; once revoked on the
 * first, both refuse it with 401, the second again after its refresh.
 */
class ApiKeysIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration REFRESH = Duration.ofSeconds(2);
    /** The refresh interval plus room for one read of the store and a busy build machine. */
    private static final Duration BOUND = REFRESH.plusSeconds(8);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "ingest_api_keys_it_" + run;
    private final String admin = DevIssuer.fromSystemProperty().token("key-admin", Set.of(Role.ADMIN), List.of());
    private final AtomicInteger responses = new AtomicInteger();

    @Test
    void aKeyCreatedOnOneInstanceWorksOnBothUntilItIsRevoked() throws Exception {
        String refresh = "--nps.ingest.api-key-refresh=" + REFRESH.toMillis() + "ms";
        try (RunningIngest first = RunningIngest.start(database, refresh);
                RunningIngest second = RunningIngest.start(database, refresh);
                ResponsesTopic topic = new ResponsesTopic()) {
            HttpResponse<String> created = send(first, "POST", "/api/v1/admin/api-keys",
                    "{\"name\":\"crm-" + run + "\",\"source\":\"crm-" + run + "\",\"scopes\":[\"responses:write\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.headers().firstValue("Location")).contains("/api/v1/admin/api-keys/crm-" + run);
            String key = JSON.readTree(created.body()).path("key").asString();
            assertThat(key).startsWith("nps_");

            String onFirst = "first-" + run;
            assertThat(submit(first, key, onFirst).statusCode()).as("the creating instance, at once").isEqualTo(202);
            String[] onSecond = new String[1];
            await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
                onSecond[0] = "second-" + run + "-" + responses.incrementAndGet();
                return submit(second, key, onSecond[0]).statusCode() == 202;
            });
            topic.awaitExactly("crm-" + run, onFirst, 1);
            topic.awaitExactly("crm-" + run, onSecond[0], 1);

            HttpResponse<String> revoked = send(first, "DELETE", "/api/v1/admin/api-keys/crm-" + run, null);
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
            HttpResponse<String> refused = submit(first, key, "refused-" + run);
            assertThat(refused.statusCode()).as("the revoking instance, at once").isEqualTo(401);
            assertThat(refused.body()).contains("does not name a known key");
            await().atMost(BOUND).pollInterval(Duration.ofMillis(200))
                    .until(() -> submit(second, key, "refused-" + run + "-" + responses.incrementAndGet()).statusCode() == 401);
            assertThat(submit(second, RunningIngest.DEV_KEY, "configured-" + run).statusCode())
                    .as("a configured key stays").isEqualTo(202);

            await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                JsonNode described = JSON.readTree(send(second, "GET", "/api/v1/admin/api-keys/crm-" + run, null).body());
                assertThat(described.path("active").asBoolean()).isFalse();
                assertThat(described.path("revokedBy").asString()).isEqualTo("key-admin");
                assertThat(described.path("createdBy").asString()).isEqualTo("key-admin");
                assertThat(described.path("lastUsedAt").isNull()).as("last use, saved by the instances' refreshes").isFalse();
                assertThat(described.has("key")).isFalse();
            });
            assertThat(storedDocuments()).as("the store holds the key's hash, never the key")
                    .noneMatch(json -> json.contains(key))
                    .anyMatch(json -> json.contains(ApiKeys.sha256Hex(key)));
        }
    }

    private HttpResponse<String> submit(RunningIngest app, String key, String responseId) {
        String body = "{\"responseId\":\"" + responseId + "\",\"customerId\":\"c-" + run + "\",\"score\":9}";
        return app.post("/api/v1/responses", Map.of("Content-Type", "application/json", "X-API-Key", key),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(RunningIngest app, String method, String path, @Nullable String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + admin)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> storedDocuments() {
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            return client.getDatabase(database).getCollection("api_keys").find().map(Document::toJson).into(new java.util.ArrayList<>());
        }
    }
}
