package io.npsloop.ingest.apikeys;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One source system's key: its name, the source recorded on its responses, its hash, what it may
 * do and its own rate ({@code null}: the service's default rate).
 */
public record ApiKey(String name, String source, byte[] sha256, Set<String> scopes, @Nullable RateLimit rateLimit) {

    /** Scope for {@code POST /api/v1/responses} and {@code /api/v1/responses/batch}. */
    public static final String SCOPE_WRITE = "responses:write";
    /** Scope for {@code POST /api/v1/responses/import}. */
    public static final String SCOPE_IMPORT = "responses:import";
    /** Every scope a key can hold. */
    public static final Set<String> SCOPES = Set.of(SCOPE_WRITE, SCOPE_IMPORT);

    public ApiKey {
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
    }

    public ApiKey(String name, String source, byte[] sha256, Set<String> scopes) {
        this(name, source, sha256, scopes, null);
    }

    public static ApiKey ofHexHash(String name, String source, String sha256Hex, Set<String> scopes) {
        return ofHexHash(name, source, sha256Hex, scopes, null);
    }

    public static ApiKey ofHexHash(String name, String source, String sha256Hex, Set<String> scopes, @Nullable RateLimit rateLimit) {
        return new ApiKey(name, source, HexFormat.of().parseHex(sha256Hex.toLowerCase(Locale.ROOT)), scopes, rateLimit);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    public boolean allows(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiKey key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", source=" + source + ", scopes=" + scopes + "]";
    }
}
