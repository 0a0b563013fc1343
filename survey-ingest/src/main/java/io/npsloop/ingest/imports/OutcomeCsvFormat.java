package io.npsloop.ingest.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.outcomes.NewOutcome;
import io.npsloop.ingest.outcomes.OutcomeChecks;
import io.npsloop.ingest.outcomes.OutcomeRequest;

/**
 * The outcomes' CSV layout: one column per field of {@code POST /api/v1/outcomes}, the value as
 * {@code valueAmount} and {@code valueCurrency}, {@code attr.<key>} per attribute. Each row obeys the
 * rules of the single endpoint and its errors name the same fields ({@code value.amount}).
 */
public record OutcomeCsvFormat(OutcomeChecks checks) implements CsvRows.Format<NewOutcome>, CsvRows.Layout<NewOutcome> {

    static final List<String> COLUMNS = List.of("outcomeId", "customerId", "accountId", "outcome", "occurredAt", "valueAmount",
            "valueCurrency", "reasonCode");

    @Override
    public CsvRows.Layout<NewOutcome> of(List<String> header) {
        return this;
    }

    @Override
    public CsvRows.Layout<NewOutcome> unknown() {
        return this;
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public List<FieldProblem> headerProblems(List<String> header) {
        return CsvLayout.columnProblems(header, COLUMNS, List.of("customerId", "outcome"));
    }

    @Override
    public String source(String keySource) {
        return keySource;
    }

    @Override
    public CsvRows.Checked<NewOutcome> check(Map<String, String> row) {
        List<FieldProblem> problems = new ArrayList<>();
        OutcomeRequest request = new OutcomeRequest(
                CsvRowMapper.cell(row, "outcomeId"),
                CsvRowMapper.cell(row, "customerId"),
                CsvRowMapper.cell(row, "accountId"),
                CsvRowMapper.cell(row, "outcome"),
                CsvRowMapper.instant(CsvRowMapper.cell(row, "occurredAt"), "occurredAt", problems),
                CsvRowMapper.money(row, "valueAmount", "valueCurrency", problems),
                CsvRowMapper.cell(row, "reasonCode"),
                CsvRowMapper.attributes(row));
        if (problems.isEmpty()) {
            problems.addAll(checks.problems(request));
        }
        return new CsvRows.Checked<>(problems.isEmpty() ? request.toNewOutcome() : null, problems);
    }
}
