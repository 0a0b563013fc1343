package io.npsloop.ingest.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.platform.messaging.EventNotPublishedException;
import io.npsloop.platform.web.InvalidRequestException;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * Reads a CSV file of submissions {@code T} as a stream: each record is parsed and checked by the
 * {@link Format} the header names, and the good rows are handed to the intake a chunk at a time
 * (published together), so memory is bounded by the chunk, not the file. A bad row is reported with
 * its line number and does not stop the others; a row the intake takes (accepted, updated or a
 * duplicate) is final, so re-sending a file after an interruption is safe. The responses' import and
 * the outcomes' import are two formats of this one reader.
 */
public final class CsvRows<T> {

    /** The layouts of one kind of file. */
    public interface Format<T> {

        /** The layout of this header row. */
        Layout<T> of(List<String> header);

        /** The layout to report when the header could not be read at all. */
        Layout<T> unknown();
    }

    /** One layout: how its header is checked and its rows become checked submissions. */
    public interface Layout<T> {

        /** As the report names it: {@code native}, {@code delighted}. */
        String name();

        List<FieldProblem> headerProblems(List<String> header);

        /** The source of this layout's rows; {@code keySource} is that of the API key that sent the file. */
        String source(String keySource);

        /** A row, by column name, as a checked submission, or the problems that keep it out. */
        Checked<T> check(Map<String, String> row);
    }

    /** A checked row: the submission, or every problem with it. */
    public record Checked<T>(@Nullable T item, List<FieldProblem> problems) {
    }

    /** Where the checked rows go, a chunk at a time: an outcome per row, in order. */
    @FunctionalInterface
    public interface Sink<T> {

        List<IntakeOutcome> acceptAll(String source, List<T> items);
    }

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(false)
            .get();

    private final Format<T> format;
    private final Sink<T> sink;
    private final CsvImporter.ImportLimits limits;

    public CsvRows(Format<T> format, Sink<T> sink, CsvImporter.ImportLimits limits) {
        this.format = format;
        this.sink = sink;
        this.limits = limits;
    }

    /** A checked row waiting in the current chunk, with the line it starts on. */
    private record PendingRow<T>(long line, T item) {
    }

    /**
     * Imports every row of {@code csv} in the layout {@code format} recognises from its header, from
     * the system {@code source} (unless the layout names its own).
     */
    public ImportReport read(Reader csv, String source) {
        BoundedRecordReader reader = new BoundedRecordReader(csv, limits.maxRecordChars());
        ImportTally tally = new ImportTally(limits.maxListedRejections());
        Layout<T> layout = format.unknown();
        List<PendingRow<T>> chunk = new ArrayList<>(limits.chunkSize());
        // The line the last record read ends on; the header is line 1.
        long endOfPrevious = 1;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames();
            layout = format.of(header);
            List<FieldProblem> headerProblems = layout.headerProblems(header);
            if (!headerProblems.isEmpty()) {
                throw new ImportFileException(headerProblems, tally.report(layout.name()));
            }
            String rowSource = layout.source(source);
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
                            "more than " + limits.maxRows() + " rows; split the file")), tally.report(layout.name()));
                }
                T item = checkRow(layout, record, line, tally);
                if (item != null) {
                    chunk.add(new PendingRow<>(line, item));
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
        return tally.report(layout.name());
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
    private ImportFileException fileProblem(List<PendingRow<T>> chunk, String source, ImportTally tally, Layout<T> layout,
            long line, String message) {
        flush(chunk, layout.source(source), tally, layout);
        return new ImportFileException(List.of(new FieldProblem("line " + line, message)), tally.report(layout.name()));
    }

    /**
     * Hands the chunk to the intake and counts each row's outcome. A row the broker did not take stops
     * the import; rows of the chunk it did take are counted, so the report says what is on the topic.
     */
    private void flush(List<PendingRow<T>> chunk, String source, ImportTally tally, Layout<T> layout) {
        if (chunk.isEmpty()) {
            return;
        }
        List<IntakeOutcome> outcomes = sink.acceptAll(source, chunk.stream().map(PendingRow::item).toList());
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
            throw new ImportInterruptedException(tally.report(layout.name()), unavailableLine, unavailable);
        }
    }

    /** The row as a checked item, or null after recording why it is rejected. */
    private @Nullable T checkRow(Layout<T> layout, CSVRecord record, long line, ImportTally tally) {
        if (!record.isConsistent()) {
            tally.reject(line, List.of(new FieldProblem("(row)", "has " + record.size()
                    + " cells but the header has " + record.getParser().getHeaderNames().size())));
            return null;
        }
        Checked<T> checked = layout.check(record.toMap());
        if (checked.item() == null || !checked.problems().isEmpty()) {
            tally.reject(line, checked.problems());
            return null;
        }
        return checked.item();
    }
}
