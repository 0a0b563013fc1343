package io.npsloop.alerting.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.ResponseScored;
import org.jspecify.annotations.Nullable;

/**
 * What reporting has observed about churn (the latest {@code ChurnRiskUpdated}): the churn rate of
 * the customers by the NPS category of their last answer, and by each theme their answers
 * mentioned, each with its 95% interval, and per theme how much it raises the churn rate. The
 * conditions {@code minChurnRisk} and {@code churnThemes} read a response through it.
 * <p>
 * Honest by construction: a response's risk is the <em>lower</em> bound of the churn rate of the
 * riskiest group it belongs to (its category, or a theme its comment mentions), so a rule on it
 * claims no more risk than the outcomes support; a group with too few customers to say
 * ({@code insufficient}) counts for nothing; and a theme predicts churn only when the interval of
 * its lift lies above zero and its p-value, adjusted across themes, is below {@link #ALPHA}. Before
 * any outcomes were observed the model is {@link #NONE}: no response has a risk, no theme predicts.
 */
public record ChurnRiskModel(@Nullable Instant observedAt, Map<Category, ChurnRate> byCategory, List<ThemeRisk> themes) {

    /** The level of the adjusted test a theme must pass to count as predicting churn. */
    public static final double ALPHA = 0.05;

    public static final ChurnRiskModel NONE = new ChurnRiskModel(null, Map.of(), List.of());

    public ChurnRiskModel {
        byCategory = byCategory.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(byCategory));
        themes = List.copyOf(themes);
    }

    /**
     * The churn rate observed over a group of customers.
     *
     * @param customers the customers in the group
     * @param churned how many of them churned
     * @param lower the lower bound of its 95% interval (0-1)
     * @param upper the upper bound (0-1)
     * @param insufficient too few customers for the rate to say anything
     */
    public record ChurnRate(long customers, long churned, double lower, double upper, boolean insufficient) {
    }

    /**
     * A theme: its keywords (as reporting finds it in comments), the churn rate of the customers
     * who mentioned it, and its lift (their churn rate minus the others') with interval and
     * adjusted p-value.
     */
    public record ThemeRisk(String theme, List<String> keywords, ChurnRate rate, double liftLower, double liftUpper,
            double adjustedPValue) {

        public ThemeRisk {
            keywords = List.copyOf(keywords);
        }

        public boolean predictsChurn() {
            return !rate.insufficient() && liftLower > 0 && adjustedPValue < ALPHA;
        }

        boolean mentionedIn(@Nullable String comment) {
            return TextMatching.containsAny(comment, keywords);
        }
    }

    /**
     * A response read through the model.
     *
     * @param risk the lower bound of the churn rate of the riskiest group the response belongs to; 0 when none is known
     * @param mentioned the model's themes its comment mentions
     * @param predictive those of them that predict churn
     */
    public record Assessment(double risk, List<String> mentioned, List<String> predictive) {
    }

    public Assessment assess(ResponseScored response) {
        double risk = 0;
        ChurnRate category = byCategory.get(response.category());
        if (category != null && !category.insufficient()) {
            risk = category.lower();
        }
        List<String> mentioned = new ArrayList<>();
        List<String> predictive = new ArrayList<>();
        for (ThemeRisk theme : themes) {
            if (!theme.mentionedIn(response.comment())) {
                continue;
            }
            mentioned.add(theme.theme());
            if (theme.predictsChurn()) {
                predictive.add(theme.theme());
            }
            if (!theme.rate().insufficient()) {
                risk = Math.max(risk, theme.rate().lower());
            }
        }
        return new Assessment(risk, mentioned, predictive);
    }
}
