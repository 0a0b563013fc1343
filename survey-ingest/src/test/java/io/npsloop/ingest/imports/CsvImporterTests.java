package io.npsloop.ingest.imports;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.npsloop.contracts.FieldProblem;
import io.npsloop.ingest.responses.IntakeOutcome;
import io.npsloop.ingest.responses.IntakeResult;
import io.npsloop.ingest.responses.NewResponse;
import io.npsloop.ingest.responses.ResponseChecks;
import io.npsloop.platform.messaging.EventNotPublishedException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvImporterTests {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final List<String> sources = new ArrayList<>();
    private final List<NewResponse> taken = new ArrayList<>();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private CsvImporter importer(ResponseSink sink, int maxListed) {
        return new CsvImporter(sink, new ResponseChecks(VALIDATION.getValidator(), CLOCK),
                new CsvImporter.ImportLimits(maxListed, 1_000_000, 65_536, 500), "Customer ID", List.of());
    }

    private CsvImporter recordingImporter() {
        return importer((source, response) -> {
            sources.add(source);
            taken.add(response);
            return new IntakeResult(response.responseId() == null ? "generated" : response.responseId(), IntakeResult.Status.ACCEPTED);
        }, 100);
    }

    @Test
    void nativeRowsBecomeResponsesWithAttributesContactAndMoney() {
        ImportReport report = recordingImporter().importCsv(new StringReader("""
                responseId,customerId,score,comment,channel,respondedAt,accountValueAmount,accountValueCurrency,contactEmail,attr.region,revision
                r-1,c-1,9,"Fast, friendly",email,2025-05-01T10:00:00Z,1200.50,EUR,ada@example.com,EMEA,2
                r-2,c-2,3,"多谢, 但是太慢",web,,,,,,
                """), "crm");

        assertThat(report.accepted()).isEqualTo(2);
        assertThat(report.rejected()).isZero();
        assertThat(sources).containsOnly("crm");
        NewResponse first = taken.get(0);
        assertThat(first.comment()).isEqualTo("Fast, friendly");
        assertThat(first.attributes()).containsEntry("region", "EMEA");
        assertThat(first.accountValueAmount()).isEqualByComparingTo("1200.50");
        assertThat(first.contact().email()).isEqualTo("ada@example.com");
        assertThat(first.revision()).isEqualTo(2);
        assertThat(taken.get(1).comment()).isEqualTo("多谢, 但是太慢");
        assertThat(taken.get(1).revision()).isEqualTo(1);
    }

    @Test
    void aBadAttributeKeyAndALowercaseCurrencyAreNamedAsTheApiNamesThem() {
        ImportReport report = recordingImporter().importCsv(new StringReader("""
                responseId,customerId,score,accountValueAmount,accountValueCurrency,attr.9lives
                r-1,c-1,9,10,eur,x
                """), "crm");

        assertThat(report.rejected()).isEqualTo(1);
        assertThat(report.rejections().get(0).errors()).extracting(FieldProblem::field)
                .containsExactly("accountValue.currency", "attributes[9lives]");
    }

    @Test
    void badRowsAreRejectedWithTheirLineNumbersAndEveryProblemWhileGoodRowsGoOn() {
        ImportReport report = recordingImporter().importCsv(new StringReader("""
                responseId,customerId,score,channel
                r-1,c-1,11,fax
                r-2,c-2,8,web
                r-3,,ten,web
                """), "crm");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(2);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(2L, 4L);
        assertThat(report.rejections().get(0).errors()).extracting("field").containsExactly("channel", "score");
        assertThat(report.rejections().get(1).errors()).extracting("field").containsExactly("score");
    }

    @Test
    void unknownOrMissingColumnsRejectTheFileBeforeAnyRowIsApplied() {
        assertThatThrownBy(() -> recordingImporter().importCsv(new StringReader("""
                responseId,score,mood
                r-1,9,happy
                """), "crm"))
                .isInstanceOfSatisfying(ImportFileException.class, e -> assertThat(e.problems())
                        .extracting("field").containsExactlyInAnyOrder("mood", "customerId"));
        assertThat(taken).isEmpty();
    }

    @Test
    void delightedExportRowsKeepDelightedIdsAndPropertiesAsAttributes() {
        ImportReport report = recordingImporter().importCsv(new StringReader("""
                Response ID,Score,Comment,Name,Email,Response Timestamp,Permalink,Customer ID,Purchase Experience
                5435,9,Your service is fast and flawless!,Charlie Gravis,charlie_gravis@example.com,1732186844,https://app.delighted.com/r/x,c-77,Retail Store
                5436,2,,,dana@example.com,2024-11-21 10:00:00 UTC,,,
                """), "crm");

        assertThat(report.layout()).isEqualTo("delighted");
        assertThat(report.accepted()).isEqualTo(2);
        assertThat(sources).containsOnly(CsvImporter.DELIGHTED_SOURCE);
        assertThat(taken.get(0).responseId()).isEqualTo("5435");
        assertThat(taken.get(0).customerId()).isEqualTo("c-77");
        assertThat(taken.get(0).respondedAt()).isEqualTo(Instant.ofEpochSecond(1732186844));
        assertThat(taken.get(0).attributes()).containsExactly(java.util.Map.entry("purchase_experience", "Retail Store"));
        assertThat(taken.get(1).customerId()).isEqualTo("dana@example.com");
        assertThat(taken.get(1).respondedAt()).isEqualTo(Instant.parse("2024-11-21T10:00:00Z"));
    }

    @Test
    void rowsTheIntakeRefusesAreRejectedAndDuplicatesAreCounted() {
        CsvImporter importer = importer((source, response) -> {
            if ("r-2".equals(response.responseId())) {
                throw new IllegalStateException("revision 1 of r-2 was accepted with a different body");
            }
            return new IntakeResult(response.responseId(), IntakeResult.Status.DUPLICATE);
        }, 100);

        ImportReport report = importer.importCsv(new StringReader("responseId,customerId,score\nr-1,c,9\nr-2,c,9\n"), "crm");

        assertThat(report.duplicate()).isEqualTo(1);
        assertThat(report.rejections()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(3));
    }

    @Test
    void rejectionListIsCappedButEveryRejectedRowIsCounted() {
        StringBuilder csv = new StringBuilder("customerId,score\n");
        for (int i = 0; i < 50; i++) {
            csv.append("c,99\n");
        }
        ImportReport report = importer((s, r) -> new IntakeResult("x", IntakeResult.Status.ACCEPTED), 10)
                .importCsv(new StringReader(csv.toString()), "crm");

        assertThat(report.rejected()).isEqualTo(50);
        assertThat(report.rejections()).hasSize(10);
        assertThat(report.rejectionsTruncated()).isTrue();
    }

    @Test
    void aRecordLongerThanTheLimitStopsTheImportInsteadOfFillingMemory() {
        String endless = "customerId,score,comment\nc,9,\"" + "x".repeat(200_000) + "\"\n";
        assertThatThrownBy(() -> recordingImporter().importCsv(new StringReader(endless), "crm"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("longer than");
    }

    @Test
    void aRowAfterAQuotedFieldSpanningLinesIsReportedAtItsLineInTheFile() {
        ImportReport report = recordingImporter().importCsv(new StringReader(
                "responseId,customerId,score,comment\n"
                        + "r-1,c-1,9,\"first line\nsecond line\nthird line\"\n"
                        + "r-2,c-2,11,too high\n"
                        + "\n"
                        + "r-3,c-3,12,\"also\r\ntoo high\"\n"
                        + "r-4,c-4,13,no final line break"), "crm");

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.rejections()).extracting(ImportReport.Rejection::line).containsExactly(5L, 7L, 9L);
    }

    @Test
    void rowsGoToTheIntakeAChunkAtATimeAndABrokerOutageMidChunkCountsOnlyWhatWasTaken() {
        List<Integer> chunkSizes = new ArrayList<>();
        ResponseSink sink = new ResponseSink() {
            @Override
            public IntakeResult accept(String source, NewResponse response) {
                throw new UnsupportedOperationException("the import hands over chunks");
            }

            @Override
            public List<IntakeOutcome> acceptAll(String source, List<NewResponse> responses) {
                chunkSizes.add(responses.size());
                List<IntakeOutcome> outcomes = new ArrayList<>();
                for (NewResponse response : responses) {
                    outcomes.add(response.responseId().equals("r-7")
                            ? IntakeOutcome.refused(new EventNotPublishedException("broker down"))
                            : IntakeOutcome.taken(new IntakeResult(response.responseId(), IntakeResult.Status.ACCEPTED)));
                }
                return outcomes;
            }
        };
        CsvImporter importer = new CsvImporter(sink, new ResponseChecks(VALIDATION.getValidator(), CLOCK),
                new CsvImporter.ImportLimits(100, 1_000_000, 65_536, 3), "Customer ID", List.of());
        StringBuilder csv = new StringBuilder("responseId,customerId,score\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("r-").append(i).append(",c-").append(i).append(",").append(i).append('\n');
        }

        assertThatThrownBy(() -> importer.importCsv(new StringReader(csv.toString()), "crm"))
                .isInstanceOfSatisfying(ImportInterruptedException.class, e -> {
                    assertThat(e.line()).isEqualTo(8);
                    assertThat(e.report().accepted()).isEqualTo(8);
                });
        assertThat(chunkSizes).containsExactly(3, 3, 3);
    }

    /**
     * 100,000 rows of about 1 KB each (about 100 MB of CSV) generated while being read. Two things would
     * fail if the importer buffered the file: the first row must reach the intake before more than
     * a sliver of the file has been produced, and the heap may not grow by anything near the file's size.
     */
    @Test
    void hundredThousandRowsImportInBoundedMemoryOneChunkAtATime() throws Exception {
        int rows = 100_000;
        GeneratedCsv csv = new GeneratedCsv(rows);
        AtomicLong bytesProducedAtFirstRow = new AtomicLong(-1);
        AtomicLong maxHeapGrowth = new AtomicLong();
        AtomicLong heapMeasuredAt = new AtomicLong();
        long before = usedHeapAfterGc();
        CsvImporter importer = importer((source, response) -> {
            bytesProducedAtFirstRow.compareAndSet(-1, csv.produced());
            // Once per 20,000 rows read: the chunk's rows reach the sink one after another at the same read position.
            if (csv.rowsProduced() / 20_000 > heapMeasuredAt.get()) {
                heapMeasuredAt.set(csv.rowsProduced() / 20_000);
                maxHeapGrowth.accumulateAndGet(usedHeapAfterGc() - before, Math::max);
            }
            return new IntakeResult(response.responseId(), IntakeResult.Status.ACCEPTED);
        }, 100);

        ImportReport report = importer.importCsv(new InputStreamReader(csv, StandardCharsets.UTF_8), "crm");

        assertThat(report.accepted()).isEqualTo(rows);
        assertThat(csv.produced()).isGreaterThan(90_000_000L);
        assertThat(bytesProducedAtFirstRow.get()).isLessThan(1_000_000L);
        assertThat(maxHeapGrowth.get()).isLessThan(32L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** An InputStream that writes CSV rows on demand, so the test itself never holds the file. */
    static final class GeneratedCsv extends InputStream {
        private final int rows;
        private final String comment = "slow delivery ".repeat(70);
        private byte[] chunk = "responseId,customerId,score,comment\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private int row;
        private long produced;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        long produced() {
            return produced;
        }

        int rowsProduced() {
            return row;
        }

        @Override
        public int read() {
            if (position == chunk.length && !next()) {
                return -1;
            }
            produced++;
            return chunk[position++] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length && !next()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            produced += n;
            return n;
        }

        private boolean next() {
            if (row == rows) {
                return false;
            }
            row++;
            chunk = ("r-" + row + ",c-" + (row % 1000) + "," + (row % 11) + ",\"" + comment + "\"\n").getBytes(StandardCharsets.UTF_8);
            position = 0;
            return true;
        }
    }
}
