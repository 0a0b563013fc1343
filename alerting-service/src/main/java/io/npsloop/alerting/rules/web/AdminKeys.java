package io.npsloop.alerting.rules.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import io.npsloop.alerting.AlertingProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who is calling the rule management API, until access control lands: the caller presents one of
 * the configured admin API keys as {@code Authorization: Bearer <key>}, and the actor recorded on
 * a change is the name that key is configured under. No identity header is trusted, so nobody can
 * claim to be someone else. With no keys configured, rule management is closed.
 */
@Component
class AdminKeys {

    private final Map<String, String> keys;

    AdminKeys(AlertingProperties properties) {
        this.keys = Map.copyOf(properties.admin().keys());
    }

    /** The actor for the presented Authorization header; throws when there is none or it is wrong. */
    String actor(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new NotAuthenticatedException("An admin API key is required: Authorization: Bearer <key>");
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        String actor = null;
        for (Map.Entry<String, String> entry : keys.entrySet()) {
            // Constant-time comparison, and every key is compared, so timing reveals nothing.
            if (MessageDigest.isEqual(presented, entry.getValue().getBytes(StandardCharsets.UTF_8))) {
                actor = entry.getKey();
            }
        }
        if (actor == null) {
            throw new NotAuthenticatedException("The admin API key is not valid");
        }
        return actor;
    }

    /** No valid admin API key was presented. */
    static class NotAuthenticatedException extends RuntimeException {
        NotAuthenticatedException(String message) {
            super(message);
        }
    }
}
