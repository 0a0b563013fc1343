package io.npsloop.ingest.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The source systems allowed to submit, known only by the SHA-256 of their keys, so neither the
 * configuration nor a heap dump reveals a usable key. A presented key is hashed and compared with
 * every configured hash in constant time, and the loop never stops early, so the answer time tells
 * nothing about which bytes or which key matched.
 */
public final class ApiKeys {

    private final List<ApiKey> keys;

    public ApiKeys(List<ApiKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public Optional<ApiKey> authenticate(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(presented, key.sha256()) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    public List<ApiKey> all() {
        return keys;
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
