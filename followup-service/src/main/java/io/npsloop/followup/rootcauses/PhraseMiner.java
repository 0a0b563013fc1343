package io.npsloop.followup.rootcauses;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the words and phrases that recur in "other" root-cause texts, as candidate categories.
 * Text is split into runs by Unicode script: Han, Hiragana, Katakana and Hangul runs have no
 * spaces between words, so they yield character bigrams and trigrams; other letters yield
 * lower-cased words without stop words, plus adjacent two-word phrases. Each term counts once per
 * text (document frequency), so one long rant cannot dominate.
 */
public final class PhraseMiner {

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
            "his", "i", "in", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "she", "so", "that",
            "the", "their", "them", "they", "this", "to", "too", "us", "very", "was", "we", "were", "with", "you",
            "your", "der", "die", "das", "und", "le", "la", "les", "et", "de", "el", "los", "y");

    private PhraseMiner() {
    }

    /** A recurring term and in how many texts it occurs. */
    public record Suggestion(String phrase, int count) {
    }

    public static List<Suggestion> suggest(List<String> texts, int minCount, int limit) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String term : terms(text)) {
                counts.merge(term, 1, Integer::sum);
            }
        }
        List<Suggestion> suggestions = new ArrayList<>();
        counts.forEach((term, count) -> {
            if (count >= minCount) {
                suggestions.add(new Suggestion(term, count));
            }
        });
        // Longer phrases first among equals: "late delivery" says more than "late".
        suggestions.sort(Comparator.comparingInt(Suggestion::count).reversed()
                .thenComparing(Comparator.comparingInt((Suggestion s) -> s.phrase().codePointCount(0, s.phrase().length())).reversed())
                .thenComparing(Suggestion::phrase));
        return suggestions.subList(0, Math.min(limit, suggestions.size()));
    }

    /** The distinct terms of one text. */
    public static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder run = new StringBuilder();
        boolean runIsCjk = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            boolean letter = Character.isLetterOrDigit(cp);
            boolean cjk = letter && isCjk(cp);
            if (!letter || cjk != runIsCjk) {
                flush(run, runIsCjk, terms, words);
                // Phrases do not span punctuation.
                if (!letter && !Character.isWhitespace(cp)) {
                    phrases(words, terms);
                }
            }
            if (letter) {
                if (run.isEmpty()) {
                    runIsCjk = cjk;
                }
                run.appendCodePoint(cp);
            }
        }
        flush(run, runIsCjk, terms, words);
        phrases(words, terms);
        return terms;
    }

    private static void flush(StringBuilder run, boolean cjk, Set<String> terms, List<String> words) {
        if (run.isEmpty()) {
            return;
        }
        String token = run.toString();
        run.setLength(0);
        if (cjk) {
            // Nor do they span a change of script.
            phrases(words, terms);
            int[] cps = token.codePoints().toArray();
            for (int n = 2; n <= 3; n++) {
                for (int i = 0; i + n <= cps.length; i++) {
                    terms.add(new String(cps, i, n));
                }
            }
            return;
        }
        if (STOP_WORDS.contains(token) || token.length() < 2 || token.chars().allMatch(Character::isDigit)) {
            phrases(words, terms);
            return;
        }
        terms.add(token);
        words.add(token);
    }

    /** Adjacent content words form two-word phrases; a stop word or punctuation breaks the chain. */
    private static void phrases(List<String> words, Set<String> terms) {
        for (int i = 0; i + 1 < words.size(); i++) {
            terms.add(words.get(i) + " " + words.get(i + 1));
        }
        words.clear();
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    /** Whether a text contains the phrase, with the same normalisation as the mining. */
    public static boolean mentions(String text, String phrase) {
        return terms(text).contains(Normalizer.normalize(phrase, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    }
}
