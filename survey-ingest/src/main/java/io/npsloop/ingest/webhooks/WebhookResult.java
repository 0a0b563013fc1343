package io.npsloop.ingest.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * What a delivery led to: {@code accepted}, {@code updated}, {@code duplicate} (a copy of a delivery
 * or response already taken; nothing published) or {@code ignored} (an event without an NPS answer).
 */
public record WebhookResult(String status, @Nullable String responseId) {

    public static final String IGNORED = "ignored";
    public static final String DUPLICATE = "duplicate";
}
