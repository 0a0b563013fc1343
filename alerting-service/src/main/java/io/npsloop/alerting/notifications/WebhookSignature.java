package io.npsloop.alerting.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} with the secret's bytes (the base64 part after
 * {@code whsec_}), sent as {@code webhook-signature: v1,<base64>}. Receivers verify with any
 * Standard Webhooks library and reject stale timestamps to stop replays.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";

    private final byte[] key;

    public WebhookSignature(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        this.key = Base64.getDecoder().decode(encoded);
        if (key.length < 24) {
            throw new IllegalArgumentException("A webhook secret needs at least 24 random bytes");
        }
    }

    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
