package io.npsloop.ingest.webhooks;

/** Signs deliveries as the tools do, for tests outside this package. */
public final class WebhookTestSignatures {

    private WebhookTestSignatures() {
    }

    public static String typeform(byte[] body, String secret) {
        return WebhookProvidersTests.typeformSignature(body, secret);
    }
}
