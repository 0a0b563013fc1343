package io.npsloop.ingest.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.ingest.responses.ResponseRequest;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.FieldProblem;
import io.npsloop.platform.web.InvalidRequestException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Imports a CSV file as a stream: each record is parsed and checked against the API's rules, and the
 * good rows are handed to the intake a chunk at a time (published together), so memory is bounded
 * by the chunk, not the file. A bad row is
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

    /**
     * How much one import may hold or process; {@code chunkSize} rows are handed to the intake at a
     * time, so that many are published together and no more than that many are held.
     */
    public record ImportLimits(int maxListedRejections, long maxRows, int maxRecordChars, int chunkSize) {
    }

    /** A checked row waiting in the current chunk, with the line it starts on. */
    private record PendingRow(long line, NewResponse response) {
    }

    /**
     * Imports every row of {@code csv}. {@code source} names the submitting system for rows in the
     * native layout; rows of a Delighted export carry the source {@value #DELIGHTED_SOURCE}.
     */
    public ImportReport importCsv(Reader csv, String source) {
        BoundedRecordReader reader = new BoundedRecordReader(csv, limits.maxRecordChars());
        ImportTally tally = new ImportTally(limits.maxListedRejections());
        CsvLayout layout = CsvLayout.NATIVE;
        List<PendingRow> chunk = new ArrayList<>(limits.chunkSize());
        // The line the last record read ends on; the header is line 1.
        long endOfPrevious = 1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames();
            layout = CsvLayout.detect(header);
            List<FieldProblem> headerProblems = CsvLayout.headerProblems(layout, header);
            if (!headerProblems.isEmpty()) {
                throw new ImportFileException(headerProblems, tally.report(layout.wireName()));
            }
            String rowSource = layout == CsvLayout.DELIGHTED ? DELIGHTED_SOURCE : source;
            endOfPrevious = Math.max(1, parser.getCurrentLineNumber());
            reader.recordDone();
            long rows = 0;
            Iterator<CSVRecord> records = parser.iterator();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                reader.recordDone();
                long line = startLine(record, endOfPrevious, parser.getCurrentLineNumber());
                endOfPrevious = Math.max(line, parser.getCurrentLineNumber());
                if (++rows > limits.maxRows()) {
                    flush(chunk, rowSource, tally, layout);
                    throw new ImportFileException(List.of(new FieldProblem("(file)",
                            "more than " + limits.maxRows() + " rows; split the file")), tally.report(layout.wireName()));
                }
                NewResponse response = checkRow(layout, record, line, tally);
                if (response != null) {
                    chunk.add(new PendingRow(line, response));
                    if (chunk.size() >= limits.chunkSize()) {
                        flush(chunk, rowSource, tally, layout);
                    }
                }
            }
            flush(chunk, rowSource, tally, layout);
        } catch (BoundedRecordReader.RecordTooLongException e) {
            throw fileProblem(chunk, source, tally, layout, endOfPrevious + 1, e.getMessage());
        } catch (CSVException e) {
            // Only the header, parsed while the parser is built, fails this way; records fail wrapped (below).
            throw fileProblem(chunk, source, tally, layout, 1, "is not valid CSV: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BoundedRecordReader.RecordTooLongException tooLong) {
                throw fileProblem(chunk, source, tally, layout, endOfPrevious + 1, tooLong.getMessage());
            }
            throw fileProblem(chunk, source, tally, layout, endOfPrevious + 1, "is not valid CSV: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a malformed header or row this way
            throw fileProblem(chunk, source, tally, layout, endOfPrevious + 1, "is not valid CSV: " + e.getMessage());
        }
        return tally.report(layout.wireName());
    }

    /**
     * The line a record starts on: the parser knows the line it ends on, and a quoted field that spans
     * lines holds its line breaks. Blank lines skipped before the record are thereby counted too.
     */
    private static long startLine(CSVRecord record, long endOfPrevious, long end) {
        long breaks = 0;
        for (String value : record.values()) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        // At the end of a file without a final line break the parser's count is one short.
        return Math.max(endOfPrevious + 1, end - breaks);
    }

    /** Rows read before a broken part of the file are still imported; the report shows them. */
    private ImportFileException fileProblem(List<PendingRow> chunk, String source, ImportTally tally, CsvLayout layout,
            long line, String message) {
        flush(chunk, layout == CsvLayout.DELIGHTED ? DELIGHTED_SOURCE : source, tally, layout);
        return new ImportFileException(List.of(new FieldProblem("line " + line, message)), tally.report(layout.wireName()));
    }

    /**
     * Hands the chunk to the intake and counts each row's outcome. A row the broker did not take stops
     * the import; rows of the chunk it did take are counted, so the report says what is on the topic.
     */
    private void flush(List<PendingRow> chunk, String source, ImportTally tally, CsvLayout layout) {
        if (chunk.isEmpty()) {
            return;
        }
        List<IntakeOutcome> outcomes = sink.acceptAll(source, chunk.stream().map(PendingRow::response).toList());
        EventNotPublishedException unavailable = null;
        long unavailableLine = 0;
        for (int i = 0; i < chunk.size(); i++) {
            IntakeOutcome outcome = outcomes.get(i);
            long line = chunk.get(i).line();
            RuntimeException refusal = outcome.refusal();
            if (outcome.result() != null) {
                tally.count(outcome.result().status());
            } else if (refusal instanceof EventNotPublishedException notPublished) {
                if (unavailable == null) {
                    unavailable = notPublished;
                    unavailableLine = line;
                }
            } else if (refusal instanceof InvalidRequestException invalid) {
                tally.reject(line, invalid.problems());
            } else {
                // The intake refuses a row for a reason of its own, such as a revision conflict: that row
                // is rejected, the rest of the file goes on.
                tally.reject(line, List.of(new FieldProblem("(row)", refusal == null ? "refused" : String.valueOf(refusal.getMessage()))));
            }
        }
        chunk.clear();
        if (unavailable != null) {
            throw new ImportInterruptedException(tally.report(layout.wireName()), unavailableLine, unavailable);
        }
    }

    /** The row as a checked response, or null after recording why it is rejected. */
    private @Nullable NewResponse checkRow(CsvLayout layout, CSVRecord record, long line, ImportTally tally) {
        if (!record.isConsistent()) {
            tally.reject(line, List.of(new FieldProblem("(row)", "has " + record.size()
                    + " cells but the header has " + record.getParser().getHeaderNames().size())));
            return null;
        }
        Map<String, String> row = record.toMap();
        CsvRowMapper.Mapped mapped = mapper.map(layout, row);
        ResponseRequest request = mapped.request();
        List<FieldProblem> problems = request == null ? mapped.problems() : checks.problems(request);
        if (request == null || !problems.isEmpty()) {
            tally.reject(line, problems);
            return null;
        }
        return checks.toNewResponse(request);
    }
}
