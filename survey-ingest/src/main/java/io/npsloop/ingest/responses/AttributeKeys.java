package io.npsloop.ingest.responses;

import java.util.Locale;

/**
 * Attribute keys from names chosen in a survey tool ("Purchase Experience", "Plan Tier"): lower snake
 * case, starting with a letter, so they pass the attribute-key rule of the API. The CSV import and the
 * webhooks use the same conversion, so a backfill and a webhook of one response carry the same keys.
 */
public final class AttributeKeys {

    private AttributeKeys() {
    }

    /** "Purchase Experience" becomes "purchase_experience"; a name with no letter becomes "property". */
    public static String fromName(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]+", "_")
                .replaceAll("^[^a-z]+", "").replaceAll("_+$", "");
        if (key.length() > 64) {
            key = key.substring(0, 64);
        }
        return key.isEmpty() ? "property" : key;
    }
}
