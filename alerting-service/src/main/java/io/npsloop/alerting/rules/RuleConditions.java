package io.npsloop.alerting.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import org.jspecify.annotations.Nullable;

/**
 * What a response must look like for a rule to match. Every condition is optional; those given
 * must all hold (AND). Text comparisons ignore case; see {@link TextMatching}.
 *
 * @param minScore lowest score that matches (inclusive)
 * @param maxScore highest score that matches (inclusive)
 * @param categories the response's category is one of these
 * @param previousCategories the customer's previous answer had one of these categories (a first answer never matches)
 * @param minScoreDrop the score fell by at least this much since the customer's previous answer
 * @param attributes per segment attribute, the values that match (one value = equals, several = in set)
 * @param channels the response came through one of these channels
 * @param touchpoints the response is about one of these touchpoints
 * @param surveys the response answers one of these surveys
 * @param commentKeywords the comment contains any of these (substring match, so it works on Chinese or Japanese text)
 * @param minAccountValue the account is worth at least this much, in this currency (other currencies never match: no conversion)
 * @param noComment true: only responses without a comment match; false: only responses with one
 * @param minChurnRisk the response's churn risk ({@link ChurnRiskModel#assess}: the lower bound of the churn rate
 *        of the riskiest group it belongs to) is at least this share, 0-1
 * @param churnThemes true: only responses whose comment mentions a theme that predicts churn match; false: only those
 *        that mention none
 */
public record RuleConditions(
        @Nullable Integer minScore,
        @Nullable Integer maxScore,
        @Nullable Set<Category> categories,
        @Nullable Set<Category> previousCategories,
        @Nullable Integer minScoreDrop,
        @Nullable Map<String, List<String>> attributes,
        @Nullable List<String> channels,
        @Nullable List<String> touchpoints,
        @Nullable List<String> surveys,
        @Nullable List<String> commentKeywords,
        @Nullable Money minAccountValue,
        @Nullable Boolean noComment,
        @Nullable Double minChurnRisk,
        @Nullable Boolean churnThemes) {

    /** Without the churn conditions. */
    public RuleConditions(@Nullable Integer minScore, @Nullable Integer maxScore, @Nullable Set<Category> categories,
            @Nullable Set<Category> previousCategories, @Nullable Integer minScoreDrop,
            @Nullable Map<String, List<String>> attributes, @Nullable List<String> channels, @Nullable List<String> touchpoints,
            @Nullable List<String> surveys, @Nullable List<String> commentKeywords, @Nullable Money minAccountValue,
            @Nullable Boolean noComment) {
        this(minScore, maxScore, categories, previousCategories, minScoreDrop, attributes, channels, touchpoints, surveys,
                commentKeywords, minAccountValue, noComment, null, null);
    }

    /** A score range and nothing else. */
    public static RuleConditions scoreBetween(int min, int max) {
        return new RuleConditions(min, max, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether a condition needs the churn model to be decided. */
    public boolean readsChurn() {
        return minChurnRisk != null || churnThemes != null;
    }

    public boolean isEmpty() {
        return minScore == null && maxScore == null && empty(categories) && empty(previousCategories)
                && minScoreDrop == null && (attributes == null || attributes.isEmpty()) && empty(channels)
                && empty(touchpoints) && empty(surveys) && empty(commentKeywords) && minAccountValue == null
                && noComment == null && minChurnRisk == null && churnThemes == null;
    }

    private static boolean empty(java.util.@Nullable Collection<?> values) {
        return values == null || values.isEmpty();
    }
}
