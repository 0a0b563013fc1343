package io.npsloop.ingest.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.web.ResponseRequest;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.FieldProblem;
import io.npsloop.platform.web.InvalidRequestException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports a CSV file row by row: each record is parsed, checked against the API's rules and handed
 * to the intake before the next one is read, so memory does not grow with the file. A bad row is
 * reported with its line number and does not stop the others; a row the intake takes (accepted,
 * updated or a duplicate) is final, so re-sending a file after an interruption is safe.
 */
public class CsvImporter {

    /** Rows of a Delighted export are Delighted responses: the same source its webhooks use, so they meet as duplicates. */
    public static final String DELIGHTED_SOURCE = "delighted";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();

    private final ResponseSink sink;
    private final ResponseChecks checks;
    private final CsvRowMapper mapper;
    private final ImportLimits limits;

    public CsvImporter(ResponseSink sink, ResponseChecks checks, ImportLimits limits,
            String delightedCustomerIdColumn, List<String> delightedAttributeColumns) {
        this.sink = sink;
        this.checks = checks;
        this.limits = limits;
        this.mapper = new CsvRowMapper(delightedCustomerIdColumn, delightedAttributeColumns);
    }

    /** How much one import may hold or process. */
    public record ImportLimits(int maxListedRejections, long maxRows, int maxRecordChars) {
    }

    /**
     * Imports every row of {@code csv}. {@code source} names the submitting system for rows in the
     * native layout; rows of a Delighted export carry the source {@value #DELIGHTED_SOURCE}.
     */
    public ImportReport importCsv(Reader csv, String source) {
        BoundedRecordReader reader = new BoundedRecordReader(csv, limits.maxRecordChars());
        ImportTally tally = new ImportTally(limits.maxListedRejections());
        CsvLayout layout = CsvLayout.NATIVE;
        long line = 1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames();
            layout = CsvLayout.detect(header);
            List<FieldProblem> headerProblems = CsvLayout.headerProblems(layout, header);
            if (!headerProblems.isEmpty()) {
                throw new ImportFileException(headerProblems, tally.report(layout.wireName()));
            }
            String rowSource = layout == CsvLayout.DELIGHTED ? DELIGHTED_SOURCE : source;
            reader.recordDone();
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                reader.recordDone();
                // The header is line 1; a record's line is where it starts, which differs from its
                // number only after a quoted field that spans lines.
                line = record.getRecordNumber() + 1;
                if (tally.rows() >= limits.maxRows()) {
                    throw new ImportFileException(List.of(new FieldProblem("(file)",
                            "more than " + limits.maxRows() + " rows; split the file")), tally.report(layout.wireName()));
                }
                importRow(layout, rowSource, record, line, tally);
            }
        } catch (BoundedRecordReader.RecordTooLongException e) {
            throw new ImportFileException(List.of(new FieldProblem("line " + (line + 1), e.getMessage())),
                    tally.report(layout.wireName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BoundedRecordReader.RecordTooLongException tooLong) {
                throw new ImportFileException(List.of(new FieldProblem("line " + (line + 1), tooLong.getMessage())),
                        tally.report(layout.wireName()));
            }
            throw new ImportFileException(List.of(new FieldProblem("line " + (line + 1), "is not valid CSV: "
                    + e.getMessage())), tally.report(layout.wireName()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a malformed header or row this way
            throw new ImportFileException(List.of(new FieldProblem("line " + (line + 1), "is not valid CSV: "
                    + e.getMessage())), tally.report(layout.wireName()));
        }
        return tally.report(layout.wireName());
    }

    private void importRow(CsvLayout layout, String source, CSVRecord record, long line, ImportTally tally) {
        if (!record.isConsistent()) {
            tally.reject(line, List.of(new FieldProblem("(row)", "has " + record.size()
                    + " cells but the header has " + record.getParser().getHeaderNames().size())));
            return;
        }
        Map<String, String> row = record.toMap();
        CsvRowMapper.Mapped mapped = mapper.map(layout, row);
        ResponseRequest request = mapped.request();
        List<FieldProblem> problems = request == null ? mapped.problems() : checks.problems(request);
        if (request == null || !problems.isEmpty()) {
            tally.reject(line, problems);
            return;
        }
        try {
            IntakeResult result = sink.accept(source, checks.toNewResponse(request));
            tally.count(result.status());
        } catch (EventNotPublishedException e) {
            throw new ImportInterruptedException(tally.report(layout.wireName()), line, e);
        } catch (InvalidRequestException e) {
            tally.reject(line, e.problems());
        } catch (RuntimeException e) {
            // The intake refuses a row for a reason of its own, such as a revision conflict: that row
            // is rejected, the rest of the file goes on.
            tally.reject(line, List.of(new FieldProblem("(row)", String.valueOf(e.getMessage()))));
        }
    }
}
