package io.npsloop.ingest.webhooks.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.npsloop.ingest.WebhooksProperties;
import io.npsloop.ingest.webhooks.WebhookDelivery;
import io.npsloop.ingest.webhooks.WebhookIntake;
import io.npsloop.ingest.webhooks.WebhookResult;
import io.npsloop.platform.web.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/{provider}}. The body is read as raw bytes, before any parsing, because
 * signatures are computed over exactly those bytes. Answers 200 with what happened, so the tool stops
 * delivering; a 4xx tells it the delivery will never be taken, a 5xx that it may retry.
 */
@RestController
class WebhooksController {

    private final WebhookIntake intake;
    private final WebhooksProperties properties;

    WebhooksController(WebhookIntake intake, WebhooksProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    @PostMapping(path = "/api/v1/webhooks/{provider}", produces = MediaType.APPLICATION_JSON_VALUE)
    WebhookResult receive(@PathVariable String provider, HttpServletRequest request) throws IOException {
        return intake.receive(provider, new WebhookDelivery(headers(request), query(request.getQueryString()), body(request)));
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        int max = properties.maxBodyBytes();
        if (request.getContentLengthLong() > max) {
            throw new WebhookBodyTooLargeException(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(max + 1);
            if (body.length > max) {
                throw new WebhookBodyTooLargeException(max);
            }
            return body;
        }
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        return headers;
    }

    /** Parsed by hand: asking the servlet for parameters would consume a form-encoded body before it is read. */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                query.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A broken %-escape (?token=%zz) is a bad request, not a failure of ours.
                throw new InvalidRequestException("(query)", "is not URL-encoded: " + e.getMessage());
            }
        }
        return query;
    }

    static final class WebhookBodyTooLargeException extends RuntimeException {
        WebhookBodyTooLargeException(int max) {
            super("The delivery is larger than " + max + " bytes");
        }
    }
}
