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
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, "surveyId", response.surveyId());
        field(canonical, "customerId", response.customerId());
        field(canonical, "accountId", response.accountId());
        if (response.contact() != null) {
            field(canonical, "contact.name", response.contact().name());
            field(canonical, "contact.email", response.contact().email());
            field(canonical, "contact.phone", response.contact().phone());
        }
        field(canonical, "score", Integer.toString(response.score()));
        field(canonical, "comment", response.comment());
        field(canonical, "channel", response.channel());
        field(canonical, "touchpoint", response.touchpoint());
        field(canonical, "respondedAt", response.respondedAt() == null ? null : response.respondedAt().toString());
        for (Map.Entry<String, String> attribute : new TreeMap<>(response.attributes()).entrySet()) {
            field(canonical, "attributes." + attribute.getKey(), attribute.getValue());
        }
        field(canonical, "accountValue.amount",
                response.accountValueAmount() == null ? null : response.accountValueAmount().toPlainString());
        field(canonical, "accountValue.currency", response.accountValueCurrency());
        return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder canonical, String name, @Nullable String value) {
        if (value == null) {
            return;
        }
        canonical.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value).append(';');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
