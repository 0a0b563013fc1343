package io.npsloop.ingest.webhooks;

/** A delivery whose signature, token or timestamp does not prove it came from the provider now. Answered 401. */
public class WebhookNotAuthenticException extends RuntimeException {

    public WebhookNotAuthenticException(String reason) {
        super(reason);
    }
}
