package io.npsloop.ingest.webhooks.http;

import java.time.Duration;
import java.util.Map;

import io.npsloop.ingest.webhooks.ResponseFetcher;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Reads a survey tool's API with a RestClient. A tool that answers an error or not at all surfaces as
 * an exception, which the webhook answers with 502 so the tool delivers again later.
 */
public class RestClientResponseFetcher implements ResponseFetcher {

    private final RestClient client;

    public RestClientResponseFetcher(RestClient.Builder builder, Duration timeout) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        this.client = builder.requestFactory(factory).build();
    }

    @Override
    public JsonNode get(String url, Map<String, String> headers) {
        JsonNode body = client.get().uri(java.net.URI.create(url))
                .headers(h -> headers.forEach(h::set))
                .retrieve()
                .body(JsonNode.class);
        if (body == null) {
            throw new IllegalStateException("Empty answer from " + url);
        }
        return body;
    }
}
