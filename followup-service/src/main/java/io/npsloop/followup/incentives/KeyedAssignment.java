package io.npsloop.followup.incentives;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Assigns a case to an experiment arm by a keyed hash: the first 64 bits of
 * HMAC-SHA256(secret, experiment id + NUL + case id), reduced modulo the number of arms. Without the
 * secret nobody (an agent least of all) can tell a case's arm before it is assigned, nor the next
 * case's arm from the previous ones: for anyone without the key, HMAC outputs are indistinguishable
 * from independent uniform draws. The earlier permuted blocks, seeded by experiment id and block
 * number, were balanced but predictable: the last case of a block always got the arm still missing.
 *
 * <p>Each case is assigned independently with probability 1/k per arm (simple randomisation), so
 * arm sizes are balanced in expectation, not exactly: with 1,000 cases and two arms, 95% of
 * experiments split within 469 to 531. The modulo bias of a 64-bit value is below 1e-18 for any
 * realistic number of arms.
 *
 * <p>The assignment is a pure function of the secret, the experiment and the case, so it can be
 * audited (recomputed) by whoever holds the secret. The arm is also stored with the case when it is
 * first assigned, so a retried offer keeps its arm whatever the secret.
 */
public final class KeyedAssignment {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_SECRET_BYTES = 16;

    private final SecretKeySpec key;

    public KeyedAssignment(byte[] secret) {
        if (secret.length < MINIMUM_SECRET_BYTES) {
            throw new IllegalArgumentException("The assignment secret must have at least " + MINIMUM_SECRET_BYTES
                    + " bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** A secret given as text (configuration); blank means a fresh random secret for this process. */
    public static KeyedAssignment ofSecret(String secret) {
        if (secret.isBlank()) {
            return random();
        }
        return new KeyedAssignment(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A key drawn from {@link SecureRandom}: unpredictable, but not reproducible across processes. */
    public static KeyedAssignment random() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new KeyedAssignment(secret);
    }

    public String arm(String experimentId, List<String> arms, String caseId) {
        if (arms.isEmpty()) {
            throw new IllegalArgumentException("An experiment needs at least one arm");
        }
        return arms.get((int) Long.remainderUnsigned(draw(experimentId, caseId), arms.size()));
    }

    /** 64 bits of HMAC-SHA256 of the experiment and case ids: a uniform draw for anyone without the key. */
    long draw(String experimentId, String caseId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(experimentId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return ByteBuffer.wrap(mac.doFinal(caseId.getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
