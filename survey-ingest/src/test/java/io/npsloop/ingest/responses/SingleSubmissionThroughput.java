package io.npsloop.ingest.responses;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.ingest.support.RunningIngest;

/**
 * Measures single {@code POST /api/v1/responses} through the real intake (ledger in the
 * wire-compatible store, records on the real broker) from many concurrent clients. Run by hand, not
 * part of the build, with the command in the README: arguments are the requests per run, the
 * concurrent clients, the number of runs and {@code nps.ingest.single-linger} ({@code 0} for one
 * request at a time through the single path, as before grouping).
 */
public final class SingleSubmissionThroughput {

    private SingleSubmissionThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String linger = args.length > 3 ? args[3] : "2ms";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (RunningIngest ingest = RunningIngest.start("ingest_single_throughput_" + UUID.randomUUID().toString().substring(0, 8),
                "--spring.main.banner-mode=off", "--nps.ingest.rate-limit.permits=1000000", "--nps.ingest.single-linger=" + linger)) {
            // A warm-up, so that the first measured run does not pay for JIT and connection set-up.
            post(ingest, pool, clients, "warmup", Math.min(requests, 2_000));
            DistributionSummary groups = ingest.context().getBean(MeterRegistry.class).find("nps.ingest.single.group.size").summary();
            for (int run = 1; run <= runs; run++) {
                long groupsBefore = groups == null ? 0 : groups.count();
                long started = System.nanoTime();
                post(ingest, pool, clients, "run" + run + "-" + UUID.randomUUID(), requests);
                double seconds = (System.nanoTime() - started) / 1e9;
                long groupCount = groups == null ? 0 : groups.count() - groupsBefore;
                System.out.printf("run %d: %d requests from %d clients, linger %s, in %.1f s = %.0f requests/s; mean group %.1f%n",
                        run, requests, clients, linger, seconds, requests / seconds, groupCount == 0 ? 1.0 : (double) requests / groupCount);
            }
        } finally {
            pool.shutdownNow();
        }
        System.exit(0);
    }

    private static void post(RunningIngest ingest, ExecutorService pool, int clients, String prefix, int requests) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<String, String> headers = Map.of("X-API-Key", RunningIngest.DEV_KEY, "Content-Type", "application/json");
        List<Future<?>> workers = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            workers.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < requests; n = next.getAndIncrement()) {
                    String json = "{\"responseId\":\"" + prefix + "-" + n + "\",\"customerId\":\"c-" + (n % 5_000) + "\",\"score\":"
                            + (n % 11) + ",\"comment\":\"Response " + n + ", a comment of ordinary length about the service\","
                            + "\"channel\":\"web\",\"attributes\":{\"region\":\"EMEA\"}}";
                    HttpResponse<String> answer = ingest.post("/api/v1/responses", headers, json.getBytes(StandardCharsets.UTF_8));
                    if (answer.statusCode() != 202) {
                        throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
    }
}
