package io.npsloop.alerting.rules;

import org.jspecify.annotations.Nullable;

/**
 * One alert rule: when all its conditions hold for a scored response, it asks for an alert with
 * its actions. A disabled rule is kept (and versioned) but never matches. A rule posted without
 * {@code enabled} is enabled.
 */
public record AlertRule(String id, @Nullable String description, Boolean enabled, RuleConditions when, RuleActions then) {

    public AlertRule {
        enabled = enabled == null || enabled;
    }

    public AlertRule withEnabled(boolean value) {
        return new AlertRule(id, description, value, when, then);
    }

    public AlertRule withId(String value) {
        return new AlertRule(value, description, enabled, when, then);
    }
}
