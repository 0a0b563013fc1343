package io.npsloop.ingest.imports;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.UUID;

import io.npsloop.ingest.support.RunningIngest;

/**
 * Measures a CSV import through the real intake (ledger in the wire-compatible store, records on the
 * real broker) over HTTP: rows generated on the fly, streamed as a {@code text/csv} body. Run by
 * hand, not part of the build, with the command in the README: arguments are the rows per run and
 * the number of runs. Give it a few GB of heap: the broker and the in-memory store live in this JVM.
 */
public final class ImportThroughput {

    private ImportThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (RunningIngest ingest = RunningIngest.start("ingest_throughput_" + UUID.randomUUID().toString().substring(0, 8),
                "--spring.main.banner-mode=off", "--nps.ingest.rate-limit.permits=1000000")) {
            // A warm-up file, so that the first measured run does not pay for JIT and connection set-up.
            importRows(ingest, "warmup", 5_000);
            for (int run = 1; run <= runs; run++) {
                long started = System.nanoTime();
                String report = importRows(ingest, "run" + run + "-" + UUID.randomUUID(), rows);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("run %d: %d rows in %.1f s = %.0f rows/s; %s%n", run, rows, seconds, rows / seconds,
                        report.length() > 200 ? report.substring(0, 200) : report);
            }
        }
        System.exit(0);
    }

    private static String importRows(RunningIngest ingest, String prefix, int rows) {
        HttpResponse<String> answer = ingest.post("/api/v1/responses/import",
                Map.of("X-API-Key", RunningIngest.DEV_KEY, "Content-Type", "text/csv"),
                HttpRequest.BodyPublishers.ofInputStream(() -> csv(prefix, rows)));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(answer.statusCode() + " " + answer.body());
        }
        return answer.body();
    }

    /** The file, generated line by line as it is sent. */
    private static InputStream csv(String prefix, int rows) {
        return new SequenceInputStream(new Enumeration<>() {
            private int next = -1;

            @Override
            public boolean hasMoreElements() {
                return next < rows;
            }

            @Override
            public InputStream nextElement() {
                String line = next < 0 ? "responseId,customerId,score,comment,channel,attr.region\n"
                        : prefix + "-" + next + ",c-" + (next % 5_000) + "," + (next % 11)
                                + ",\"Row " + next + ", a comment of ordinary length about the service\",web,EMEA\n";
                next++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
