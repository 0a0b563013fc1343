package io.npsloop.ingest.webhooks;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP delivery of a webhook as it arrived: header names in lower case, query parameters, and the
 * raw body bytes, which signatures are computed over (parsing first would change them).
 */
public record WebhookDelivery(Map<String, String> headers, Map<String, String> query, byte[] body) {

    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public @Nullable String queryParameter(String name) {
        return query.get(name);
    }
}
