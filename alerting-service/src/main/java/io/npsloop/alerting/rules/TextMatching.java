package io.npsloop.alerting.rules;

import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How rules compare text. NFKC folds compatibility forms (full-width Latin, half-width katakana,
 * ligatures) into one form, and {@link Locale#ROOT} lower-casing keeps the result independent of
 * the server's locale (the Turkish dotless i). Keywords are plain substrings, not words: Chinese
 * and Japanese text has no spaces between words, so word boundaries would never match there.
 */
public final class TextMatching {

    private TextMatching() {
    }

    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    public static boolean containsAny(@Nullable String text, Collection<String> keywords) {
        if (text == null) {
            return false;
        }
        String haystack = normalise(text);
        for (String keyword : keywords) {
            String needle = normalise(keyword);
            if (!needle.isEmpty() && haystack.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    public static boolean oneOf(@Nullable String value, Collection<String> allowed) {
        if (value == null) {
            return false;
        }
        String candidate = normalise(value);
        for (String option : allowed) {
            if (normalise(option).equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isBlank(@Nullable String text) {
        return text == null || text.isBlank();
    }
}
