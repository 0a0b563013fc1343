package io.npsloop.ingest.responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The SHA-256 of a response's body in a canonical form: every field in a fixed order, each value
 * length-prefixed (so no two different bodies concatenate to the same text), attributes sorted by
 * key. Response id and revision are left out: they are the identity the fingerprint is compared
 * under. Values are taken as sent, without defaults, so a retry that again leaves
 * {@code respondedAt} out matches the first attempt.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(NewResponse response) {
        Canonical canonical = new Canonical();
        canonical.field("surveyId", response.surveyId());
        canonical.field("customerId", response.customerId());
        canonical.field("accountId", response.accountId());
        if (response.contact() != null) {
            canonical.field("contact.name", response.contact().name());
            canonical.field("contact.email", response.contact().email());
            canonical.field("contact.phone", response.contact().phone());
        }
        canonical.field("score", Integer.toString(response.score()));
        canonical.field("comment", response.comment());
        canonical.field("channel", response.channel());
        canonical.field("touchpoint", response.touchpoint());
        canonical.field("respondedAt", response.respondedAt() == null ? null : response.respondedAt().toString());
        canonical.fields("attributes", response.attributes());
        canonical.field("accountValue.amount",
                response.accountValueAmount() == null ? null : response.accountValueAmount().toPlainString());
        canonical.field("accountValue.currency", response.accountValueCurrency());
        return canonical.sha256();
    }

    /** A body's canonical form, built field by field in a fixed order; absent values leave no trace. */
    public static final class Canonical {

        private final StringBuilder text = new StringBuilder(256);

        public Canonical field(String name, @Nullable String value) {
            if (value != null) {
                text.append(name.length()).append(':').append(name)
                        .append(value.length()).append(':').append(value).append(';');
            }
            return this;
        }

        /** Each entry as {@code <prefix>.<key>}, sorted by key, so the order a map was sent in does not count. */
        public Canonical fields(String prefix, Map<String, String> values) {
            new TreeMap<>(values).forEach((key, value) -> field(prefix + "." + key, value));
            return this;
        }

        public String sha256() {
            return HexFormat.of().formatHex(digest().digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
