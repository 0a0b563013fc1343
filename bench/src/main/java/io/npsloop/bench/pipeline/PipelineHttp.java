package io.npsloop.bench.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every HTTP call of the benchmark goes through here, so the headers the services require are
 * added in one place: the ingest API key on writes, a bearer token on reads.
 */
final class PipelineHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String apiKey;
    private final String bearerToken;

    PipelineHttp(String apiKey, String bearerToken) {
        this.apiKey = apiKey;
        this.bearerToken = bearerToken;
    }

    /** POST one response to survey-ingest; the status code (202 when accepted). */
    int postResponse(String ingestUrl, String body) {
        return send(write(ingestUrl + "/api/v1/responses", body)).statusCode();
    }

    /** POST a batch ({@code {"responses":[...]}}); the answer's {@code accepted} count, or -status on an error. */
    int postBatch(String ingestUrl, String body) {
        HttpResponse<String> response = send(write(ingestUrl + "/api/v1/responses/batch", body));
        if (response.statusCode() != 200) {
            return -response.statusCode();
        }
        return JSON.readTree(response.body()).path("accepted").asInt();
    }

    /** GET a JSON document from a service. */
    JsonNode get(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (!bearerToken.isEmpty()) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest write(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
