package io.npsloop.ingest.imports;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Caps how many characters may pass between two records. The CSV parser keeps one whole record in
 * memory, so without this cap a single endless quoted field could exhaust the heap.
 */
final class BoundedRecordReader extends FilterReader {

    private final long maxCharsPerRecord;
    private long sinceRecordStart;

    BoundedRecordReader(Reader in, long maxCharsPerRecord) {
        super(in);
        this.maxCharsPerRecord = maxCharsPerRecord;
    }

    /** Called after each record: the next one starts with a fresh allowance. */
    void recordDone() {
        sinceRecordStart = 0;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            charge(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            charge(n);
        }
        return n;
    }

    private void charge(int n) throws RecordTooLongException {
        sinceRecordStart += n;
        // The parser reads ahead by its buffer size, so allow one buffer of slack beyond the cap.
        if (sinceRecordStart > maxCharsPerRecord + 16_384) {
            throw new RecordTooLongException(maxCharsPerRecord);
        }
    }

    static final class RecordTooLongException extends IOException {
        RecordTooLongException(long max) {
            super("a record is longer than " + max + " characters");
        }
    }
}
