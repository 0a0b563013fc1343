package io.npsloop.ingest.apikeys;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What an admin may know about a key: never the key, never its hash.
 *
 * @param rateLimit the rate that applies to the key: its own, else the service's default
 * @param active whether the key authenticates now: not revoked, and not a managed key whose name
 *     the configuration took
 * @param createdAt when an admin created it; null for a configured key, as are the other
 *     creation and revocation fields
 * @param lastUsedAt the last authenticated request with the key, as far as recorded (see {@link KeyUsage})
 */
public record ApiKeyDescription(String name, String source, Set<String> scopes, RateLimit rateLimit, Origin origin, boolean active,
        @Nullable Instant createdAt, @Nullable String createdBy, @Nullable Instant revokedAt, @Nullable String revokedBy,
        @Nullable Instant lastUsedAt) {

    public ApiKeyDescription {
        scopes = Set.copyOf(scopes);
    }

    /** Where a key comes from. */
    public enum Origin {
        /** {@code nps.ingest.api-keys}: changed by changing the configuration. */
        CONFIGURATION,
        /** Created through the admin API, kept in the store. */
        MANAGED
    }
}
