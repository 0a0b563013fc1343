package io.npsloop.reporting.reports;

import java.time.Period;

/**
 * How churn is read: {@code window} is how far before the start of a period a customer's answers
 * count (their last answer there gives their category and score, their comments there their themes);
 * below {@code minimumCustomers} customers a group's churn rate is {@code insufficient}; revenue at
 * risk uses a category's observed cancellation rate once that category has {@code minimumOutcomes}
 * customers, and its assumed rate (detractor 1, others 0) before.
 */
public record ChurnRules(Period window, long minimumCustomers, long minimumOutcomes) {

    public static final ChurnRules DEFAULTS = new ChurnRules(Period.ofMonths(3), 30, 30);

    public ChurnRules {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The churn window must be positive, got " + window);
        }
        if (minimumCustomers < 1 || minimumOutcomes < 1) {
            throw new IllegalArgumentException("The churn minimums must be at least 1");
        }
    }
}
