package io.npsloop.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What reporting has observed about churn, on {@link Topics#CHURN_RISK}, keyed by {@link #KEY}: one
 * current state, so the topic is compacted and a reader keeps the latest {@code occurredAt}.
 * <p>
 * The outcomes counted are those that took effect from {@code from} to {@code to}; a customer's
 * answers counted are those of the {@code windowMonths} months before. {@code byCategory} is the
 * churn rate of the customers by the category of their last answer; {@code themes} the churn rate
 * of the customers whose answers mentioned each theme, against the others, with the theme's
 * keywords so that a reader finds it in a comment the way reporting does. Every rate carries its
 * 95% interval and is {@code insufficient} below the minimum count, and a theme's p-value is
 * adjusted across the themes (Benjamini-Hochberg).
 */
public record ChurnRiskUpdated(
        String eventId,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        LocalDate from,
        LocalDate to,
        int windowMonths,
        Map<Category, ChurnRate> byCategory,
        List<ThemeChurn> themes) implements Event {

    public static final int SCHEMA_VERSION = 1;

    /** The record key: there is one model. */
    public static final String KEY = "churn-risk";

    /**
     * The churn rate of a group of customers.
     *
     * @param customers the customers in the group
     * @param churned those of them who cancelled
     * @param rate churned / customers (0 for an empty group)
     * @param lower the lower bound of the 95% interval (Wilson), null for an empty group
     * @param upper its upper bound, null for an empty group
     * @param insufficient fewer customers than the minimum count: the rate says nothing
     */
    public record ChurnRate(long customers, long churned, double rate, @Nullable Double lower, @Nullable Double upper,
            boolean insufficient) {
    }

    /**
     * A theme and how the churn of the customers who mentioned it compares with the others'.
     *
     * @param lift the difference of the two churn rates, mentioned minus others
     * @param liftLower the lower bound of its 95% interval (Newcombe), null when a side is empty
     * @param liftUpper its upper bound
     * @param adjustedPValue the p-value of the difference, adjusted across the themes; null when a side is empty
     */
    public record ThemeChurn(String theme, List<String> keywords, ChurnRate mentioned, ChurnRate others, double lift,
            @Nullable Double liftLower, @Nullable Double liftUpper, @Nullable Double adjustedPValue) {
    }

    @Override
    public String key() {
        return KEY;
    }
}
