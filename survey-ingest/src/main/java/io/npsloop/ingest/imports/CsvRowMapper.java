package io.npsloop.ingest.imports;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.ResponseRequest;
import org.jspecify.annotations.Nullable;

/**
 * Turns one CSV row, given as column name to cell, into the request the API would have received.
 * Cells that cannot even be read as their type (a score of "ten") are reported here; every other
 * rule is left to {@link ResponseChecks}, so a row and a JSON request are judged alike.
 */
final class CsvRowMapper {

    private static final DateTimeFormatter DELIGHTED_LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String delightedCustomerIdColumn;
    private final List<String> delightedAttributeColumns;

    /**
     * @param delightedCustomerIdColumn the person property that holds the customer id in a Delighted
     *        export; rows without it fall back to the respondent's email
     * @param delightedAttributeColumns the property columns that become attributes; empty for all
     */
    CsvRowMapper(String delightedCustomerIdColumn, List<String> delightedAttributeColumns) {
        this.delightedCustomerIdColumn = delightedCustomerIdColumn;
        this.delightedAttributeColumns = List.copyOf(delightedAttributeColumns);
    }

    record Mapped(@Nullable ResponseRequest request, List<FieldProblem> problems) {
    }

    Mapped map(CsvLayout layout, Map<String, String> row) {
        return layout == CsvLayout.DELIGHTED ? delighted(row) : nativeRow(row);
    }

    private Mapped nativeRow(Map<String, String> row) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, String> attributes = attributes(row);
        String name = cell(row, "contactName");
        String email = cell(row, "contactEmail");
        String phone = cell(row, "contactPhone");
        ResponseRequest request = new ResponseRequest(
                cell(row, "responseId"),
                cell(row, "surveyId"),
                cell(row, "customerId"),
                cell(row, "accountId"),
                name == null && email == null && phone == null ? null : new ResponseRequest.ContactRequest(name, email, phone),
                integer(row, "score", "score", problems),
                cell(row, "comment"),
                cell(row, "channel"),
                cell(row, "touchpoint"),
                instant(cell(row, "respondedAt"), "respondedAt", problems),
                attributes,
                money(row, "accountValueAmount", "accountValueCurrency", problems),
                integer(row, "revision", "revision", problems));
        return new Mapped(problems.isEmpty() ? request : null, problems);
    }

    private Mapped delighted(Map<String, String> row) {
        List<FieldProblem> problems = new ArrayList<>();
        String email = cell(row, CsvLayout.DELIGHTED_EMAIL);
        String name = cell(row, CsvLayout.DELIGHTED_NAME);
        String customerId = cell(row, delightedCustomerIdColumn);
        if (customerId == null) {
            customerId = email;
        }
        String time = null;
        String timeColumn = CsvLayout.DELIGHTED_TIME_COLUMNS.get(0);
        for (String column : CsvLayout.DELIGHTED_TIME_COLUMNS) {
            if (cell(row, column) != null) {
                time = cell(row, column);
                timeColumn = column;
                break;
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            boolean property = !CsvLayout.DELIGHTED_META_COLUMNS.contains(column) && !column.equals(delightedCustomerIdColumn);
            boolean wanted = delightedAttributeColumns.isEmpty() || delightedAttributeColumns.contains(column);
            if (property && wanted && !value.isEmpty()) {
                attributes.put(CsvLayout.attributeKey(column), value);
            }
        });
        ResponseRequest request = new ResponseRequest(
                cell(row, CsvLayout.DELIGHTED_RESPONSE_ID),
                null,
                customerId,
                null,
                name == null && email == null ? null : new ResponseRequest.ContactRequest(name, email, null),
                integer(row, CsvLayout.DELIGHTED_SCORE, "score", problems),
                cell(row, CsvLayout.DELIGHTED_COMMENT),
                null,
                null,
                delightedTime(time, timeColumn, problems),
                attributes.isEmpty() ? null : attributes,
                null,
                null);
        return new Mapped(problems.isEmpty() ? request : null, problems);
    }

    /** The {@code attr.<key>} cells that hold a value, by key; null when there are none. */
    static @Nullable Map<String, String> attributes(Map<String, String> row) {
        Map<String, String> attributes = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (column.startsWith(CsvLayout.ATTRIBUTE_PREFIX) && !value.isEmpty()) {
                attributes.put(column.substring(CsvLayout.ATTRIBUTE_PREFIX.length()), value);
            }
        });
        return attributes.isEmpty() ? null : attributes;
    }

    /** An amount and its currency from two columns, which go together; null when both are empty. */
    static ResponseRequest.@Nullable MoneyRequest money(Map<String, String> row, String amountColumn, String currencyColumn,
            List<FieldProblem> problems) {
        String amount = cell(row, amountColumn);
        String currency = cell(row, currencyColumn);
        if ((amount == null) != (currency == null)) {
            problems.add(new FieldProblem(amount == null ? amountColumn : currencyColumn,
                    amountColumn + " and " + currencyColumn + " go together"));
        }
        return amount == null || currency == null ? null : new ResponseRequest.MoneyRequest(amount, currency);
    }

    static @Nullable String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static @Nullable Integer integer(Map<String, String> row, String column, String field, List<FieldProblem> problems) {
        String value = cell(row, column);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem(field, "must be a whole number"));
            return null;
        }
    }

    static @Nullable Instant instant(@Nullable String value, String field, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 date-time with offset, such as 2025-03-01T10:15:30Z"));
            return null;
        }
    }

    /** Delighted exports have carried Unix seconds, ISO-8601, and "yyyy-MM-dd HH:mm:ss" in UTC; all are read. */
    private static @Nullable Instant delightedTime(@Nullable String value, String column, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 12) {
            return Instant.ofEpochSecond(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // fall through to the other forms
        }
        String local = value.endsWith(" UTC") ? value.substring(0, value.length() - 4) : value;
        try {
            return LocalDateTime.parse(local, DELIGHTED_LOCAL_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(column, "is not a date-time (Unix seconds, ISO-8601 or yyyy-MM-dd HH:mm:ss UTC)"));
            return null;
        }
    }
}
