package io.npsloop.ingest.apikeys;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * An admin's request for a new key, as sent: any value may be missing or wrong, and
 * {@link #problems()} names every one that is, so the admin can fix them all at once.
 *
 * @param name unique among configured and managed keys, revoked ones included
 * @param source the source recorded on the key's responses
 * @param scopes what the key may do; at least one
 * @param rateLimit the key's own rate, or null for the service's default
 */
public record ApiKeyRequest(@Nullable String name, @Nullable String source, @Nullable List<@Nullable String> scopes,
        @Nullable Rate rateLimit) {

    /** Names and sources: what configured sources allow, so either can stand in a URL, a log line or a metric tag as is. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    static final String NAME_RULE = "must be 1-64 characters of a-z, 0-9, '_', '.' and '-', starting with a letter or digit";

    public ApiKeyRequest {
        scopes = scopes == null ? null : Collections.unmodifiableList(new ArrayList<>(scopes));
    }

    /** The requested rate; {@code period} is an ISO-8601 duration such as {@code PT1S}. */
    public record Rate(@Nullable Integer permits, @Nullable String period) {
    }

    /** Every rule the request breaks; empty if it is valid. */
    public List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isEmpty()) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (!NAME.matcher(name).matches()) {
            problems.add(new FieldProblem("name", NAME_RULE));
        }
        if (source == null || source.isEmpty()) {
            problems.add(new FieldProblem("source", "is required"));
        } else if (!NAME.matcher(source).matches()) {
            problems.add(new FieldProblem("source", NAME_RULE));
        }
        if (scopes == null || scopes.isEmpty()) {
            problems.add(new FieldProblem("scopes", "must name at least one of " + knownScopes()));
        } else {
            for (int i = 0; i < scopes.size(); i++) {
                String scope = scopes.get(i);
                if (scope == null || !ApiKey.SCOPES.contains(scope)) {
                    problems.add(new FieldProblem("scopes[" + i + "]", "is not a scope; the scopes are " + knownScopes()));
                }
            }
        }
        if (rateLimit != null) {
            Integer permits = rateLimit.permits();
            if (permits == null) {
                problems.add(new FieldProblem("rateLimit.permits", "is required with a rate limit"));
            } else if (permits < 1) {
                problems.add(new FieldProblem("rateLimit.permits", "must be at least 1"));
            }
            String period = rateLimit.period();
            if (period == null) {
                problems.add(new FieldProblem("rateLimit.period", "is required with a rate limit"));
            } else {
                Duration parsed = duration(period);
                if (parsed == null) {
                    problems.add(new FieldProblem("rateLimit.period", "must be an ISO-8601 duration such as PT1S or PT1M"));
                } else if (parsed.compareTo(RateLimit.SHORTEST_PERIOD) < 0 || parsed.compareTo(RateLimit.LONGEST_PERIOD) > 0) {
                    problems.add(new FieldProblem("rateLimit.period", "must be from PT0.001S to PT24H"));
                }
            }
        }
        return problems;
    }

    /** The scopes as a set; call only on a request without {@link #problems()}. */
    Set<String> scopeSet() {
        Set<String> set = new LinkedHashSet<>();
        if (scopes != null) {
            scopes.forEach(scope -> set.add(String.valueOf(scope)));
        }
        return set;
    }

    /** The rate as a value; call only on a request without {@link #problems()}. */
    @Nullable RateLimit rate() {
        if (rateLimit == null || rateLimit.permits() == null || rateLimit.period() == null) {
            return null;
        }
        return new RateLimit(rateLimit.permits(), Duration.parse(rateLimit.period()));
    }

    private static @Nullable Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String knownScopes() {
        return String.join(", ", ApiKey.SCOPES.stream().sorted().toList());
    }
}
