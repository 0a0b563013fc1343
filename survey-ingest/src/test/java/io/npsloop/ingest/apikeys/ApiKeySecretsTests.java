package io.npsloop.ingest.apikeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeySecretsTests {

    private final ApiKeySecrets secrets = new ApiKeySecrets(new SecureRandom());

    @Test
    void aKeyIsThePrefixAnd32RandomBytesInUrlSafeBase64() {
        String key = secrets.generate();

        assertThat(key).startsWith("nps_").hasSize(4 + 43).matches("nps_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
    }

    @Test
    void keysDoNotRepeat() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            keys.add(secrets.generate());
        }
        assertThat(keys).hasSize(10_000);
    }

    @Test
    void everyBytePositionTakesManyValues() {
        // A generator that left bytes fixed (a zeroed buffer, a counter) would show here; SecureRandom
        // fills each of 32 positions with about 256 * (1 - 1/e) = 162 distinct values in 256 draws.
        int draws = 256;
        byte[][] decoded = new byte[draws][];
        for (int i = 0; i < draws; i++) {
            decoded[i] = Base64.getUrlDecoder().decode(secrets.generate().substring(4));
        }
        for (int position = 0; position < ApiKeySecrets.RANDOM_BYTES; position++) {
            Set<Byte> values = new HashSet<>();
            for (byte[] bytes : decoded) {
                values.add(bytes[position]);
            }
            assertThat(values).as("distinct values at byte %d", position).hasSizeGreaterThan(120);
        }
    }
}
