package io.npsloop.ingest.erasures;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.support.ResponsesTopic;
import io.npsloop.ingest.support.RunningIngest;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * survey-ingest's front door after an erasure, on the real broker and store: a response about the
 * erased customer, sent singly or in a batch, is accepted, published under the customer's pseudonym
 * without contact data or comment, and kept so in the ledger; the erasure of what came before holds.
 */
class ErasedCustomerIntakeIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "ingest_erasure_it_" + run;
    private final String customer = "c-gone-" + run;
    private final String name = "Grace Gone " + run;
    private final String email = "grace." + run + "@example.com";
    private final String comment = "Parcel " + run + " never came";

    @Test
    void aResponseAboutAnErasedCustomerIsPublishedAndKeptPseudonymised() throws Exception {
        try (RunningIngest app = RunningIngest.start(database); ResponsesTopic topic = new ResponsesTopic()) {
            assertThat(postResponse(app, "/api/v1/responses", response("r-before-" + run)).statusCode()).isEqualTo(202);

            String erasureId = erase(app);
            String pseudonym = "erased-" + erasureId;

            HttpResponse<String> single = postResponse(app, "/api/v1/responses", response("r-after-" + run));
            assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
            HttpResponse<String> batch = postResponse(app, "/api/v1/responses/batch",
                    "{\"responses\":[" + response("r-batch-" + run) + "]}");
            assertThat(batch.statusCode()).as(batch.body()).isIn(200, 202, 207);

            for (String responseId : List.of("r-after-" + run, "r-batch-" + run)) {
                ResponsesTopic.Received published = topic.awaitExactly("dev", responseId, 1).get(0);
                assertThat(published.key()).isEqualTo(pseudonym);
                JsonNode event = published.value();
                assertThat(event.path("customerId").asString()).isEqualTo(pseudonym);
                assertThat(event.path("accountId").asString()).isEqualTo(pseudonym);
                assertThat(event.path("contact").isNull() || event.path("contact").isMissingNode()).isTrue();
                assertThat(event.path("comment").isNull() || event.path("comment").isMissingNode()).isTrue();
                assertThat(event.path("score").asInt()).isEqualTo(3);
                assertThat(event.path("attributes").path("region").asString()).isEqualTo("EMEA");
                assertThat(event.toString()).doesNotContain(customer, name, email, comment);
            }
            assertThat(documentsHolding(customer, name, email, comment)).as("documents about the erased customer").isEmpty();
        }
    }

    private String response(String responseId) {
        return """
                {"responseId":"%s","customerId":"%s","accountId":"%s","score":3,"comment":"%s","channel":"email",
                 "contact":{"name":"%s","email":"%s"},"attributes":{"region":"EMEA"}}"""
                .formatted(responseId, customer, customer, comment, name, email);
    }

    /** Asks for the erasure as an admin and waits for survey-ingest's own receipt; returns the erasure id. */
    private String erase(RunningIngest app) throws Exception {
        String token = DevIssuer.fromSystemProperty().token("privacy-admin", Set.of(Role.ADMIN), List.of());
        HttpResponse<String> requested = send(app, "POST", "/api/v1/erasures", token, "{\"customerId\":\"" + customer + "\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String erasureId = JSON.readTree(requested.body()).path("erasureId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode audit = JSON.readTree(send(app, "GET", "/api/v1/erasures/" + erasureId, token, null).body());
            List<String> services = new ArrayList<>();
            audit.path("receipts").forEach(receipt -> services.add(receipt.path("service").asString()));
            return services.contains("survey-ingest");
        });
        return erasureId;
    }

    /** Every document of the service's database holding a marker; the erasure audit names the customer on purpose. */
    private List<String> documentsHolding(String... markers) {
        List<String> found = new ArrayList<>();
        try (MongoClient client = MongoClients.create(LocalInfrastructure.shared().mongoUri())) {
            MongoDatabase db = client.getDatabase(database);
            for (String collection : db.listCollectionNames()) {
                if (collection.equals("erasures") || collection.equals("admin_audit")) {
                    continue;
                }
                for (Document document : db.getCollection(collection).find()) {
                    String json = document.toJson();
                    for (String marker : markers) {
                        if (json.contains(marker)) {
                            found.add(collection + ": " + json);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static HttpResponse<String> postResponse(RunningIngest app, String path, String body) {
        return app.post(path, Map.of("Content-Type", "application/json", "X-API-Key", RunningIngest.DEV_KEY),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(RunningIngest app, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
