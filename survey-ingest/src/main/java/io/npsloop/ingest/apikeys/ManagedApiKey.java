package io.npsloop.ingest.apikeys;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A key an admin created at runtime, as the store keeps it: the key's hash (the key itself is shown
 * once, when it is created, and kept nowhere), who created it and when, and who revoked it and when.
 * A revoked key stays, so its name is never given to another key and the record says who cut it off.
 */
public record ManagedApiKey(String name, String source, byte[] sha256, Set<String> scopes, @Nullable RateLimit rateLimit,
        Instant createdAt, String createdBy, @Nullable Instant revokedAt, @Nullable String revokedBy) {

    public ManagedApiKey {
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
        if ((revokedAt == null) != (revokedBy == null)) {
            throw new IllegalArgumentException("A revocation has both a time and an actor, or neither");
        }
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** This key revoked by the actor at the time; a key revoked already keeps its first revocation. */
    public ManagedApiKey revoke(String actor, Instant at) {
        return revoked() ? this : new ManagedApiKey(name, source, sha256, scopes, rateLimit, createdAt, createdBy, at, actor);
    }

    /** The key as authentication uses it. */
    public ApiKey key() {
        return new ApiKey(name, source, sha256, scopes, rateLimit);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ManagedApiKey key && key.name.equals(name) && Arrays.equals(key.sha256, sha256)
                && key.source.equals(source) && key.scopes.equals(scopes) && Objects.equals(key.rateLimit, rateLimit)
                && key.createdAt.equals(createdAt) && key.createdBy.equals(createdBy)
                && Objects.equals(key.revokedAt, revokedAt) && Objects.equals(key.revokedBy, revokedBy);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Without the hash: descriptions end up in logs. */
    @Override
    public String toString() {
        return "ManagedApiKey[" + name + ", source=" + source + ", scopes=" + scopes + ", createdBy=" + createdBy
                + (revoked() ? ", revoked " + revokedAt + " by " + revokedBy : "") + "]";
    }
}
