package io.npsloop.ingest.apikeys;

import java.util.HexFormat;
import java.util.Set;

/** One source system's key: its name, the source recorded on its responses, its hash and what it may do. */
public record ApiKey(String name, String source, byte[] sha256, Set<String> scopes) {

    public ApiKey {
        sha256 = sha256.clone();
        scopes = Set.copyOf(scopes);
    }

    public static ApiKey ofHexHash(String name, String source, String sha256Hex, Set<String> scopes) {
        return new ApiKey(name, source, HexFormat.of().parseHex(sha256Hex.toLowerCase(java.util.Locale.ROOT)), scopes);
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
