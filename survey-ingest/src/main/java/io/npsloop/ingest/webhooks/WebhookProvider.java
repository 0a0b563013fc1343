package io.npsloop.ingest.webhooks;

import java.time.Instant;
import java.util.Optional;

import io.npsloop.ingest.responses.ResponseRequest;
import org.jspecify.annotations.Nullable;

/** One survey tool: how its deliveries are authenticated and how its payload becomes a response. */
public interface WebhookProvider {

    /** The path segment of {@code /api/v1/webhooks/{provider}} and the source of its responses. */
    String name();

    /**
     * Proves the delivery came from the tool, and recently where the tool sends a timestamp; throws
     * {@link WebhookNotAuthenticException} otherwise. Returns the tool's id of this delivery when it
     * sends one, so a replay is recognised before anything else is done.
     */
    @Nullable String authenticate(WebhookDelivery delivery, Instant now);

    /** The response the delivery carries or points to; empty for events that carry no NPS answer. */
    Optional<ResponseRequest> toRequest(WebhookDelivery delivery);
}
