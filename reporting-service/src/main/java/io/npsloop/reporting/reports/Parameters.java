package io.npsloop.reporting.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.npsloop.statistics.DayRange;
import io.npsloop.contracts.FieldProblem;
import org.jspecify.annotations.Nullable;

/**
 * A request's query parameters, read by a report, and the problems found in them: every bad field
 * is recorded and a default taken instead, so one answer names all of them.
 */
public final class Parameters {

    /** Days of a range when {@code from} is not given. */
    public static final int DEFAULT_DAYS = 90;
    /** The longest range a report computes. */
    public static final int MAX_DAYS = 3660;

    private final Map<String, String> values;
    private final LocalDate today;
    private final List<FieldProblem> problems = new ArrayList<>();

    public Parameters(Map<String, String> values, LocalDate today) {
        this.values = Map.copyOf(values);
        this.today = today;
    }

    public @Nullable String get(String name) {
        return values.get(name);
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** {@code from} and {@code to}, ISO days, inclusive; by default the last 90 days up to today. */
    public DayRange range() {
        LocalDate end = date("to");
        LocalDate last = end == null ? today : end;
        LocalDate start = date("from");
        LocalDate first = start == null ? last.minusDays(DEFAULT_DAYS - 1L) : start;
        if (first.isAfter(last)) {
            problem("from", "must not be after to");
            // Answered as a 400 naming from; the range returned only has to be a range.
            return new DayRange(last, last);
        } else if (first.plusDays(MAX_DAYS).isBefore(last)) {
            problem("from", "the range may span at most " + MAX_DAYS + " days");
        }
        return new DayRange(first, last);
    }

    /** {@code month}, such as 2026-10; by default this month. */
    public YearMonth month() {
        String value = get("month");
        if (value == null) {
            return YearMonth.from(today);
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            problem("month", "must be a month such as 2026-10");
            return YearMonth.from(today);
        }
    }

    /** One of an enum's values, named in lower case; {@code byDefault} when absent. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E byDefault) {
        String value = get(name);
        if (value == null) {
            return byDefault;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String lower = constant.name().toLowerCase(Locale.ROOT);
            if (lower.equals(value)) {
                return constant;
            }
            names.add(lower);
        }
        problem(name, "must be " + oneOf(names));
        return byDefault;
    }

    /** "a or b", "a, b or c". */
    public static String oneOf(List<String> values) {
        String last = values.get(values.size() - 1);
        return values.size() == 1 ? last : String.join(", ", values.subList(0, values.size() - 1)) + " or " + last;
    }

    private @Nullable LocalDate date(String field) {
        String value = get(field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problem(field, "must be an ISO date such as 2026-10-31");
            return null;
        }
    }
}
