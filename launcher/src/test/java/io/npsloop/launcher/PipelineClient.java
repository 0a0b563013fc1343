package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** Talks to a running pipeline over HTTP the way a user's curl would, and waits for views to catch up. */
final class PipelineClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The development key the local run accepts, as the README's curl examples use it. */
    static final String DEV_API_KEY = "dev-key-change-me";

    /** The password of the follow-up service's development users (ada, grace: agents; lin: lead). */
    static final String DEV_USER_PASSWORD = "nps-dev-password";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** GET a URL and return the body as text (for example a Prometheus scrape). */
    static final java.util.function.Function<String, String> HTTP_TEXT = url -> {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("GET " + url, e);
        }
    };

    private final LocalPipeline pipeline;

    PipelineClient(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    HttpResponse<String> post(ServiceKind service, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(service) + path))
                .header("Content-Type", "application/json")
                .header("X-API-Key", DEV_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST as a user of the follow-up service's development user set (HTTP Basic). */
    HttpResponse<String> postAs(String user, ServiceKind service, String path, String json) throws Exception {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((user + ":" + DEV_USER_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(service) + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + credentials)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(ServiceKind service, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(service) + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode awaitGet(ServiceKind service, String path, Predicate<JsonNode> condition) {
        return await().atMost(PATIENCE).ignoreExceptions().until(() -> get(service, path), condition);
    }

    /** The first element of a JSON array answer, once there is one. */
    JsonNode awaitFirst(ServiceKind service, String path) {
        return awaitGet(service, path, node -> node.isArray() && !node.isEmpty()).get(0);
    }

    static long n(JsonNode overview, String window) {
        return window(overview, window).path("n").asLong();
    }

    static JsonNode window(JsonNode overview, String window) {
        for (JsonNode figure : overview.path("nps")) {
            if (window.equals(figure.path("window").asString())) {
                return figure;
            }
        }
        throw new AssertionError("No " + window + " figure in " + overview);
    }
}
