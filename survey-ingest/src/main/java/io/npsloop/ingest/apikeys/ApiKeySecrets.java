package io.npsloop.ingest.apikeys;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New keys: {@value #PREFIX} and 32 bytes of a {@link SecureRandom} in URL-safe Base64 without
 * padding (43 characters), so a key fits a header, a URL and an environment variable unquoted,
 * and the prefix lets secret scanners and people recognise one that leaked. 256 random bits put
 * guessing a key beyond any attacker, so a plain SHA-256 of it is a safe thing to store.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "nps_";
    public static final int RANDOM_BYTES = 32;

    private final SecureRandom random;

    public ApiKeySecrets(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
