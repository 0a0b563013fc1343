package io.npsloop.ingest.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The source systems allowed to submit, known only by the SHA-256 of their keys, so neither the
 * configuration, the store nor a heap dump reveals a usable key. A presented key is hashed and
 * compared with every hash in constant time, and the loop never stops early, so the answer time
 * tells nothing about which bytes or which key matched.
 *
 * <p>The set is the configured keys and the managed keys that are not revoked. The managed ones
 * are replaced as a whole whenever they are read from the store again; a request sees either the
 * set before or the set after a replacement, never a mixture. A configured key holds its name: a
 * managed key of the same name (possible only if the configuration gained that name later) does
 * not authenticate.
 */
public final class ApiKeys {

    private final List<ApiKey> configured;
    private final Set<String> configuredNames;
    private volatile List<ApiKey> active;

    public ApiKeys(List<ApiKey> configured) {
        this.configured = List.copyOf(configured);
        Set<String> names = new HashSet<>();
        this.configured.forEach(key -> names.add(key.name()));
        this.configuredNames = Set.copyOf(names);
        this.active = this.configured;
    }

    public Optional<ApiKey> authenticate(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        ApiKey match = null;
        for (ApiKey key : active) {
            if (MessageDigest.isEqual(presented, key.sha256()) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** Every key that authenticates now. */
    public List<ApiKey> all() {
        return active;
    }

    public List<ApiKey> configured() {
        return configured;
    }

    public boolean isConfigured(String name) {
        return configuredNames.contains(name);
    }

    /** Replaces the managed keys: from now on the configured keys and those of these that are neither revoked nor shadowed authenticate. */
    public void useManaged(Collection<ManagedApiKey> managed) {
        List<ApiKey> next = new ArrayList<>(configured);
        for (ManagedApiKey key : managed) {
            if (!key.revoked() && !configuredNames.contains(key.name())) {
                next.add(key.key());
            }
        }
        active = List.copyOf(next);
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
