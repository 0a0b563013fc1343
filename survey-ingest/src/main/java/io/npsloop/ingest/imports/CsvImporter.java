package io.npsloop.ingest.imports;

import java.io.Reader;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseRequest;

/**
 * Imports a CSV file of responses, in this service's own layout or as a Delighted export, through
 * {@link CsvRows}: each row checked against the API's rules, the good ones handed to the intake a
 * chunk at a time.
 */
public class CsvImporter {

    /** Rows of a Delighted export are Delighted responses: the same source its webhooks use, so they meet as duplicates. */
    public static final String DELIGHTED_SOURCE = "delighted";

    private final CsvRows<NewResponse> rows;

    public CsvImporter(ResponseSink sink, ResponseChecks checks, ImportLimits limits,
            String delightedCustomerIdColumn, List<String> delightedAttributeColumns) {
        CsvRowMapper mapper = new CsvRowMapper(delightedCustomerIdColumn, delightedAttributeColumns);
        this.rows = new CsvRows<>(new ResponseFormat(mapper, checks), sink::acceptAll, limits);
    }

    /**
     * How much one import may hold or process; {@code chunkSize} rows are handed to the intake at a
     * time, so that many are published together and no more than that many are held.
     */
    public record ImportLimits(int maxListedRejections, long maxRows, int maxRecordChars, int chunkSize) {
    }

    /**
     * Imports every row of {@code csv}. {@code source} names the submitting system for rows in the
     * native layout; rows of a Delighted export carry the source {@value #DELIGHTED_SOURCE}.
     */
    public ImportReport importCsv(Reader csv, String source) {
        return rows.read(csv, source);
    }

    /** The responses' layouts, recognised from the header ({@link CsvLayout}). */
    private record ResponseFormat(CsvRowMapper mapper, ResponseChecks checks) implements CsvRows.Format<NewResponse> {

        @Override
        public CsvRows.Layout<NewResponse> of(List<String> header) {
            return layout(CsvLayout.detect(header));
        }

        @Override
        public CsvRows.Layout<NewResponse> unknown() {
            return layout(CsvLayout.NATIVE);
        }

        private CsvRows.Layout<NewResponse> layout(CsvLayout layout) {
            return new CsvRows.Layout<>() {
                @Override
                public String name() {
                    return layout.wireName();
                }

                @Override
                public List<FieldProblem> headerProblems(List<String> header) {
                    return CsvLayout.headerProblems(layout, header);
                }

                @Override
                public String source(String keySource) {
                    return layout == CsvLayout.DELIGHTED ? DELIGHTED_SOURCE : keySource;
                }

                @Override
                public CsvRows.Checked<NewResponse> check(Map<String, String> row) {
                    CsvRowMapper.Mapped mapped = mapper.map(layout, row);
                    ResponseRequest request = mapped.request();
                    List<FieldProblem> problems = request == null ? mapped.problems() : checks.problems(request);
                    return new CsvRows.Checked<>(request == null || !problems.isEmpty() ? null : checks.toNewResponse(request), problems);
                }
            };
        }
    }
}
