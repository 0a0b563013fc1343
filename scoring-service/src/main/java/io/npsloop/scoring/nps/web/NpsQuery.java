package io.npsloop.scoring.nps.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.platform.web.InvalidRequestException;
import io.npsloop.statistics.DayRange;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.Segmentation;
import org.jspecify.annotations.Nullable;

/**
 * Reads the segment and day range of a figure from request parameters, collecting every problem
 * before answering, so one 400 names all bad parameters. The range is one of: {@code window=Nd}
 * (the N days ending today), {@code period=week|month|quarter} with an optional {@code date} (the
 * calendar period containing it, today by default), or {@code from} and {@code to} (inclusive ISO
 * dates). The same parameters with a prefix ({@code otherWindow}, {@code otherValue}...) describe
 * the second figure of a comparison.
 */
final class NpsQuery {

    static final int MAX_DAYS = 3660;
    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,3})d");

    private final Map<String, String> params;
    private final String prefix;
    private final List<FieldProblem> problems;

    private NpsQuery(Map<String, String> params, String prefix, List<FieldProblem> problems) {
        this.params = params;
        this.prefix = prefix;
        this.problems = problems;
    }

    static NpsQuery of(Map<String, String> params) {
        return new NpsQuery(params, "", new ArrayList<>());
    }

    /** The parameters of the second figure of a comparison, reporting problems together with this one's. */
    NpsQuery other() {
        return new NpsQuery(params, "other", problems);
    }

    boolean hasAny(String... names) {
        for (String name : names) {
            if (param(name) != null) {
                return true;
            }
        }
        return false;
    }

    @Nullable Segment segment(Segmentation segmentation) {
        return segment(segmentation, null);
    }

    /** The segment, its dimension defaulting to {@code defaultDimension} when only a value is given. */
    @Nullable Segment segment(Segmentation segmentation, @Nullable String defaultDimension) {
        String value = param("value");
        String dimension = param("dimension") == null && value != null ? defaultDimension : param("dimension");
        if (dimension == null && value == null) {
            return Segment.OVERALL;
        }
        if (dimension == null || value == null) {
            problem(dimension == null ? "dimension" : "value", "dimension and value go together");
            return null;
        }
        if (!segmentation.isDimension(dimension)) {
            problem("dimension", "is not a configured segment dimension; one of " + segmentation.dimensions());
            return null;
        }
        return new Segment(dimension, value);
    }

    /** A dimension on its own, for listing its values. */
    @Nullable String dimension(Segmentation segmentation) {
        String dimension = param("dimension");
        if (dimension == null) {
            problem("dimension", "is required");
            return null;
        }
        if (!segmentation.isDimension(dimension)) {
            problem("dimension", "is not a configured segment dimension; one of " + segmentation.dimensions());
            return null;
        }
        return dimension;
    }

    @Nullable DayRange range(LocalDate today, String defaultWindow) {
        String window = param("window");
        String period = param("period");
        String from = param("from");
        String to = param("to");
        int forms = (window != null ? 1 : 0) + (period != null ? 1 : 0) + (from != null || to != null ? 1 : 0);
        if (forms > 1) {
            problem(window != null ? "window" : "period", "give one of window, period (with date) or from and to");
            return null;
        }
        if (period != null) {
            return period(period, today);
        }
        if (from != null || to != null) {
            return fromTo(from, to);
        }
        if (param("date") != null) {
            problem("date", "only goes with period");
            return null;
        }
        return window(window != null ? window : defaultWindow, today);
    }

    /** Throws the collected problems, if any, as one 400 answer. */
    void validate() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    void problem(String field, String message) {
        problems.add(new FieldProblem(name(field), message));
    }

    private @Nullable DayRange window(String window, LocalDate today) {
        Matcher matcher = WINDOW.matcher(window);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) > MAX_DAYS) {
            problem("window", "must be a number of days such as 7d, 30d or 90d, at most " + MAX_DAYS + "d");
            return null;
        }
        return DayRange.rolling(Integer.parseInt(matcher.group(1)), today);
    }

    private @Nullable DayRange period(String period, LocalDate today) {
        LocalDate date = date("date");
        if (problemsFor("date")) {
            return null;
        }
        LocalDate day = date != null ? date : today;
        switch (period.toLowerCase(Locale.ROOT)) {
            case "week":
                return DayRange.isoWeekOf(day);
            case "month":
                return DayRange.monthOf(day);
            case "quarter":
                return DayRange.quarterOf(day);
            default:
                problem("period", "must be week, month or quarter");
                return null;
        }
    }

    private @Nullable DayRange fromTo(@Nullable String fromText, @Nullable String toText) {
        if (fromText == null || toText == null) {
            problem(fromText == null ? "from" : "to", "from and to go together");
            return null;
        }
        LocalDate from = date("from");
        LocalDate to = date("to");
        if (from == null || to == null) {
            return null;
        }
        if (to.isBefore(from)) {
            problem("to", "must not be before from");
            return null;
        }
        DayRange range = DayRange.of(from, to);
        if (range.days() > MAX_DAYS) {
            problem("to", "the range is at most " + MAX_DAYS + " days");
            return null;
        }
        return range;
    }

    private @Nullable LocalDate date(String field) {
        String text = param(field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO date such as 2026-03-31");
            return null;
        }
    }

    private boolean problemsFor(String field) {
        String name = name(field);
        return problems.stream().anyMatch(problem -> problem.field().equals(name));
    }

    private @Nullable String param(String field) {
        String value = params.get(name(field));
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String name(String field) {
        return prefix.isEmpty() ? field : prefix + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
