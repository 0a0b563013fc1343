package io.npsloop.reporting.reports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Themes and their keywords, in any language. A comment mentions a theme when its normalised text
 * contains one of the theme's normalised keywords. Normalisation is NFKC (so full-width and
 * half-width forms, ligatures and compatibility characters compare equal) followed by lower case in
 * the root locale; a substring match, not a word match, because CJK text has no spaces.
 */
public final class ThemeLexicon {

    private final Map<String, List<String>> keywords = new LinkedHashMap<>();

    public ThemeLexicon(Map<String, List<String>> themes) {
        themes.forEach((theme, words) -> {
            List<String> normalised = new ArrayList<>();
            for (String word : words) {
                String n = normalise(word);
                if (!n.isBlank()) {
                    normalised.add(n);
                }
            }
            keywords.put(theme, List.copyOf(normalised));
        });
    }

    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public List<String> themes() {
        return List.copyOf(keywords.keySet());
    }

    /** A theme's keywords, normalised; empty for a theme the lexicon does not know. */
    public List<String> keywords(String theme) {
        return keywords.getOrDefault(theme, List.of());
    }

    public boolean mentions(String theme, @Nullable String comment) {
        if (comment == null) {
            return false;
        }
        String text = normalise(comment);
        for (String word : keywords.getOrDefault(theme, List.of())) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
