package io.npsloop.followup.rootcauses;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * What a coding of a case's root causes must be, against the taxonomy: at least one category, each
 * known and active (a deactivated one stays on old cases but is not coded again), no category twice
 * (the first mention keeps its place), and {@link RootCause#OTHER} with its text, which is what the
 * "other" mining reads.
 */
public final class RootCauseCoding {

    private final RootCauseStore taxonomy;

    public RootCauseCoding(RootCauseStore taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** A valid coding: the distinct categories, and the "other" text (stripped) when "other" is among them. */
    public record Coding(List<String> categories, @Nullable String otherText) {

        public Coding {
            categories = List.copyOf(categories);
        }
    }

    /** The rules the coding breaks, each naming its field; empty when it may be stored. */
    public List<FieldProblem> check(List<String> categories, @Nullable String otherText) {
        if (categories.isEmpty()) {
            return List.of(new FieldProblem("categories", "at least one category is required"));
        }
        List<FieldProblem> violations = new ArrayList<>();
        List<String> distinct = distinct(categories);
        for (int i = 0; i < distinct.size(); i++) {
            String id = distinct.get(i);
            RootCause rootCause = taxonomy.find(id).orElse(null);
            if (rootCause == null || !rootCause.active()) {
                violations.add(new FieldProblem("categories[" + i + "]",
                        rootCause == null ? "unknown root cause " + id : "root cause " + id + " is deactivated"));
            }
        }
        if (distinct.contains(RootCause.OTHER) && (otherText == null || otherText.isBlank())) {
            violations.add(new FieldProblem("otherText", "required when the category other is coded"));
        }
        return violations;
    }

    /** The coding as stored, of categories {@link #check} found nothing wrong with. */
    public static Coding of(List<String> categories, @Nullable String otherText) {
        List<String> distinct = distinct(categories);
        return new Coding(distinct, distinct.contains(RootCause.OTHER) && otherText != null ? otherText.strip() : null);
    }

    /** Whether a coding can be recoded: it has the "other" category. */
    public static boolean codedOther(List<String> categories) {
        return categories.contains(RootCause.OTHER);
    }

    /**
     * A coding with "other" replaced by a category promoted from the "other" texts; the text goes,
     * and a category already coded is not coded twice.
     */
    public static Coding recoded(List<String> categories, String promoted) {
        List<String> coded = new ArrayList<>(categories);
        coded.replaceAll(id -> id.equals(RootCause.OTHER) ? promoted : id);
        return new Coding(distinct(coded), null);
    }

    private static List<String> distinct(List<String> categories) {
        return List.copyOf(new LinkedHashSet<>(categories));
    }
}
