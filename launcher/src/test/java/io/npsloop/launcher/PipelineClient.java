package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** Talks to a running pipeline over HTTP the way a user's curl would, and waits for views to catch up. */
final class PipelineClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The development key the local run accepts, as the README's curl examples use it. */
    static final String DEV_API_KEY = "dev-key-change-me";

    /** Signs the tokens: the development issuer the build names for test JVMs, which the services trust too. */
    static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();

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

    /** Every service on a port the system picks, so tests never collide with each other or a local run. */
    static Map<ServiceKind, Integer> randomPorts() {
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            ports.put(kind, 0);
        }
        return ports;
    }

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

    /** POST as a person: lin is a team lead, anyone else an agent, both of every queue. */
    HttpResponse<String> postAs(String user, ServiceKind service, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(service) + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(user, user.equals("lin") ? Role.LEAD : Role.AGENT))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String token(String user, Role role) {
        return ISSUER.token(user, List.of(role), List.of("*"));
    }

    /** GET as someone allowed to read the service: a team lead for alerts and cases, an analyst for figures and reports. */
    JsonNode get(ServiceKind service, String path) throws Exception {
        Role reader = service == ServiceKind.ALERTING || service == ServiceKind.FOLLOWUP ? Role.LEAD : Role.ANALYST;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(pipeline.url(service) + path))
                        .header("Authorization", "Bearer " + token("reader", reader)).GET().build(),
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

    /** The first element of a JSON array answer whose {@code field} is {@code value}, once there is one. */
    JsonNode awaitFirstWith(ServiceKind service, String path, String field, String value) {
        JsonNode all = awaitGet(service, path, node -> node.isArray() && first(node, field, value) != null);
        return first(all, field, value);
    }

    private static JsonNode first(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (value.equals(element.path(field).asString())) {
                return element;
            }
        }
        return null;
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
