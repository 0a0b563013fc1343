package io.npsloop.ingest.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.AttributeKeys;

/**
 * The header layouts an import understands. {@link #NATIVE} is this service's own (one column per
 * field of {@code POST /api/v1/responses}, {@code attr.<key>} for attributes); {@link #DELIGHTED} is
 * the survey-responses CSV export of Delighted, recognised by its "Response ID" and "Score" columns.
 */
public enum CsvLayout {
    NATIVE("native"),
    DELIGHTED("delighted");

    static final String ATTRIBUTE_PREFIX = "attr.";

    static final List<String> NATIVE_COLUMNS = List.of("responseId", "surveyId", "customerId", "accountId", "score",
            "comment", "channel", "touchpoint", "respondedAt", "accountValueAmount", "accountValueCurrency", "revision",
            "contactName", "contactEmail", "contactPhone");

    static final String DELIGHTED_RESPONSE_ID = "Response ID";
    static final String DELIGHTED_SCORE = "Score";
    static final String DELIGHTED_COMMENT = "Comment";
    static final String DELIGHTED_NAME = "Name";
    static final String DELIGHTED_EMAIL = "Email";
    /** Delighted's exports have named the answer time differently over the years; the first one present wins. */
    static final List<String> DELIGHTED_TIME_COLUMNS = List.of("Response Timestamp", "Created At", "Date");
    /** Delighted's own bookkeeping columns; every other column is a person property. */
    static final Set<String> DELIGHTED_META_COLUMNS = Set.of("Response ID", "Score", "Comment", "Name", "Email",
            "Response Timestamp", "Created At", "Date", "Updated At", "Permalink", "Tags", "Notes", "Survey Type",
            "Person ID", "Delighted Source", "Last Sent At", "Last Updated At", "Additional Answers");

    private final String wireName;

    CsvLayout(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Recognises the layout from the header row; unknown native columns are errors, as unknown JSON fields are. */
    static CsvLayout detect(List<String> header) {
        if (header.contains(DELIGHTED_RESPONSE_ID) && header.contains(DELIGHTED_SCORE)) {
            return DELIGHTED;
        }
        return NATIVE;
    }

    static List<FieldProblem> headerProblems(CsvLayout layout, List<String> header) {
        List<FieldProblem> problems = new ArrayList<>();
        if (header.isEmpty()) {
            problems.add(new FieldProblem("(header)", "the file has no header row"));
            return problems;
        }
        if (layout == NATIVE) {
            return columnProblems(header, NATIVE_COLUMNS, Arrays.asList("customerId", "score"));
        }
        if (header.stream().distinct().count() != header.size()) {
            problems.add(new FieldProblem("(header)", "a column name appears twice"));
        }
        return problems;
    }

    /**
     * A header of a file in one of this service's own layouts: only the known columns and
     * {@code attr.<key>}, each once, the required ones present (unknown columns are errors, as unknown
     * JSON fields are).
     */
    static List<FieldProblem> columnProblems(List<String> header, List<String> columns, List<String> required) {
        List<FieldProblem> problems = new ArrayList<>();
        if (header.isEmpty()) {
            problems.add(new FieldProblem("(header)", "the file has no header row"));
            return problems;
        }
        for (String column : header) {
            if (!columns.contains(column) && !(column.startsWith(ATTRIBUTE_PREFIX) && column.length() > ATTRIBUTE_PREFIX.length())) {
                problems.add(new FieldProblem(column, "unknown column; expected one of " + columns + " or attr.<key>"));
            }
        }
        for (String column : required) {
            if (!header.contains(column)) {
                problems.add(new FieldProblem(column, "required column is missing"));
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            problems.add(new FieldProblem("(header)", "a column name appears twice"));
        }
        return problems;
    }

    /** A Delighted property column name as an attribute key: "Purchase Experience" becomes "purchase_experience". */
    static String attributeKey(String propertyColumn) {
        return AttributeKeys.fromName(propertyColumn);
    }
}
