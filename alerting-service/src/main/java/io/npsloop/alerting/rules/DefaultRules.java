package io.npsloop.alerting.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.Category;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.Severity;

/**
 * The rule set a fresh installation starts with: every detractor (0-6) is a normal alert, 0-4
 * high, and super-detractors (0-2) or detractors of accounts worth at least the high-value
 * threshold are critical and escalate to the executive queue ("reply from the top").
 */
public final class DefaultRules {

    public static final String DETRACTOR = "detractor-0-6";
    public static final String STRONG_DETRACTOR = "detractor-0-4";
    public static final String SUPER_DETRACTOR = "super-detractor-0-2";
    public static final String HIGH_VALUE_DETRACTOR = "high-value-detractor";

    private DefaultRules() {
    }

    public static List<AlertRule> standard(String ownerQueue, String executiveQueue, Money highValueThreshold,
            Duration criticalSla, Duration highSla, Duration normalSla, List<NotificationTarget> targets) {
        return List.of(
                new AlertRule(DETRACTOR, "Every detractor reaches an owner.", true,
                        RuleConditions.scoreBetween(0, 6),
                        new RuleActions(Severity.NORMAL, ownerQueue, targets, normalSla, null)),
                new AlertRule(STRONG_DETRACTOR, "Scores of 0-4 are urgent.", true,
                        RuleConditions.scoreBetween(0, 4),
                        new RuleActions(Severity.HIGH, ownerQueue, targets, highSla, null)),
                new AlertRule(SUPER_DETRACTOR, "Super-detractors get a reply from the top.", true,
                        RuleConditions.scoreBetween(0, 2),
                        new RuleActions(Severity.CRITICAL, ownerQueue, targets, criticalSla, executiveQueue)),
                new AlertRule(HIGH_VALUE_DETRACTOR, "A detractor on a high-value account is critical.", true,
                        new RuleConditions(null, null, Set.of(Category.DETRACTOR), null, null, null, null, null, null,
                                null, new Money(new BigDecimal(highValueThreshold.amount().toPlainString()),
                                highValueThreshold.currency()), null),
                        new RuleActions(Severity.CRITICAL, ownerQueue, targets, criticalSla, executiveQueue)));
    }
}
