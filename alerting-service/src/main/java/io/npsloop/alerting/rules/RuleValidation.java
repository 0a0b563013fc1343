package io.npsloop.alerting.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * Checks a proposed rule and names every bad field (as a JSON path of the rule) so an operator
 * can fix them all at once. URL targets are checked by the outbound URL policy handed in.
 */
public final class RuleValidation {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Duration MAX_SLA = Duration.ofDays(30);

    private final Function<String, @Nullable String> urlProblem;

    /** @param urlProblem why an outbound URL is refused, or null when it is acceptable */
    public RuleValidation(Function<String, @Nullable String> urlProblem) {
        this.urlProblem = urlProblem;
    }

    public List<FieldProblem> problems(@Nullable AlertRule rule) {
        return problems(rule, "");
    }

    public List<FieldProblem> problems(@Nullable AlertRule rule, String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        if (rule == null) {
            problems.add(new FieldProblem(prefix.isEmpty() ? "(body)" : prefix, "a rule is required"));
            return problems;
        }
        if (rule.id() == null || !ID.matcher(rule.id()).matches()) {
            problems.add(new FieldProblem(prefix + "id", "1-64 characters: lower-case letters, digits, '.', '_' or '-'"));
        }
        if (rule.description() != null && rule.description().length() > 500) {
            problems.add(new FieldProblem(prefix + "description", "at most 500 characters"));
        }
        if (rule.when() == null || rule.when().isEmpty()) {
            problems.add(new FieldProblem(prefix + "when", "at least one condition is required; a rule without one would alert on every response"));
        } else {
            conditions(rule.when(), prefix + "when.", problems);
        }
        if (rule.then() == null) {
            problems.add(new FieldProblem(prefix + "then", "actions are required"));
        } else {
            actions(rule.then(), prefix + "then.", problems);
        }
        return problems;
    }

    private static void conditions(RuleConditions when, String at, List<FieldProblem> problems) {
        score(when.minScore(), at + "minScore", problems);
        score(when.maxScore(), at + "maxScore", problems);
        if (when.minScore() != null && when.maxScore() != null && when.minScore() > when.maxScore()) {
            problems.add(new FieldProblem(at + "maxScore", "must not be below minScore"));
        }
        if (when.minScoreDrop() != null && (when.minScoreDrop() < 1 || when.minScoreDrop() > 10)) {
            problems.add(new FieldProblem(at + "minScoreDrop", "must be between 1 and 10"));
        }
        if (when.attributes() != null) {
            for (Map.Entry<String, List<String>> entry : when.attributes().entrySet()) {
                if (entry.getKey() == null || entry.getKey().isBlank()) {
                    problems.add(new FieldProblem(at + "attributes", "attribute names must not be blank"));
                }
                texts(entry.getValue(), at + "attributes." + entry.getKey(), problems, true);
            }
        }
        texts(when.channels(), at + "channels", problems, false);
        texts(when.touchpoints(), at + "touchpoints", problems, false);
        texts(when.surveys(), at + "surveys", problems, false);
        texts(when.commentKeywords(), at + "commentKeywords", problems, false);
        if (when.minAccountValue() != null) {
            if (when.minAccountValue().amount() == null || when.minAccountValue().amount().compareTo(BigDecimal.ZERO) < 0) {
                problems.add(new FieldProblem(at + "minAccountValue.amount", "must be a decimal amount of 0 or more"));
            }
            if (when.minAccountValue().currency() == null || !CURRENCY.matcher(when.minAccountValue().currency()).matches()) {
                problems.add(new FieldProblem(at + "minAccountValue.currency", "must be an ISO 4217 code such as EUR"));
            }
        }
        if (when.minChurnRisk() != null && !(when.minChurnRisk() > 0 && when.minChurnRisk() <= 1)) {
            problems.add(new FieldProblem(at + "minChurnRisk", "must be a share above 0 and at most 1, such as 0.15"));
        }
    }

    private void actions(RuleActions then, String at, List<FieldProblem> problems) {
        if (then.severity() == null) {
            problems.add(new FieldProblem(at + "severity", "must be CRITICAL, HIGH or NORMAL"));
        }
        if (then.ownerQueue() == null || !QUEUE.matcher(then.ownerQueue()).matches()) {
            problems.add(new FieldProblem(at + "ownerQueue", "a queue name of 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (then.escalateTo() != null && !QUEUE.matcher(then.escalateTo()).matches()) {
            problems.add(new FieldProblem(at + "escalateTo", "a queue name of 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (then.firstContactSla() == null || then.firstContactSla().isNegative() || then.firstContactSla().isZero()
                || then.firstContactSla().compareTo(MAX_SLA) > 0) {
            problems.add(new FieldProblem(at + "firstContactSla", "an ISO-8601 duration above zero and at most 30 days, such as PT4H"));
        }
        List<NotificationTarget> targets = then.targets();
        for (int i = 0; i < targets.size(); i++) {
            target(targets.get(i), at + "notifications[" + i + "].", problems);
        }
    }

    private void target(@Nullable NotificationTarget target, String at, List<FieldProblem> problems) {
        if (target == null) {
            problems.add(new FieldProblem(at.substring(0, at.length() - 1), "must not be null"));
            return;
        }
        if (target.name() == null || !QUEUE.matcher(target.name()).matches()) {
            problems.add(new FieldProblem(at + "name", "a name of 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (target.channel() == null) {
            problems.add(new FieldProblem(at + "channel", "must be WEBHOOK, SLACK or EMAIL"));
            return;
        }
        if (target.address() == null || target.address().isBlank()) {
            problems.add(new FieldProblem(at + "address", "is required"));
            return;
        }
        if (target.channel() == NotificationTarget.Channel.EMAIL) {
            if (!EMAIL.matcher(target.address()).matches() || target.address().length() > 254) {
                problems.add(new FieldProblem(at + "address", "must be an email address"));
            }
        } else {
            String problem = urlProblem.apply(target.address());
            if (problem != null) {
                problems.add(new FieldProblem(at + "address", problem));
            }
        }
    }

    private static void score(@Nullable Integer score, String field, List<FieldProblem> problems) {
        if (score != null && (score < 0 || score > 10)) {
            problems.add(new FieldProblem(field, "must be between 0 and 10"));
        }
    }

    private static void texts(@Nullable List<String> values, String field, List<FieldProblem> problems, boolean required) {
        if (values == null) {
            return;
        }
        if (required && values.isEmpty()) {
            problems.add(new FieldProblem(field, "must list at least one value"));
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                problems.add(new FieldProblem(field + "[" + i + "]", "must not be blank"));
            } else if (value.length() > 200) {
                problems.add(new FieldProblem(field + "[" + i + "]", "at most 200 characters"));
            }
        }
    }
}
