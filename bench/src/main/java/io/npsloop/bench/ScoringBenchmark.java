package io.npsloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.infra.LocalMongoServer;
import io.npsloop.scoring.nps.ResponseScoring;
import io.npsloop.scoring.nps.ScoringDecision;
import io.npsloop.scoring.nps.ScoringEvents;
import io.npsloop.scoring.nps.ScoringInput;
import io.npsloop.scoring.nps.SegmentCap;
import io.npsloop.scoring.nps.Segmentation;
import io.npsloop.scoring.nps.mongo.MongoScoringStore;
import io.npsloop.scoring.nps.mongo.MongoSegmentValues;

/**
 * Scoring throughput against the wire-compatible store: generates N responses (5% duplicates, 5%
 * revisions, 6 segments each, 60 days) and drives them in batches through the real scoring code
 * (decision, cap, guarded tally updates, response and customer writes, the read behind the day
 * figures), with the event publisher replaced by a counter, so the figure is scoring plus MongoDB
 * without Kafka. Prints responses per second, the median of three runs, for the in-memory and the
 * H2 file backend.
 *
 * <p>Usage: {@code java -jar bench/target/bench-0.1.0-SNAPSHOT-exec.jar [responses] [memory|h2|both|broker] [batch size, 500]
 * [--spring.property=value ...]}; {@code broker} runs the whole service against a real broker
 * ({@link ServiceBenchmark}), with the given properties. {@code pipeline [options]} runs the whole pipeline
 * ({@link io.npsloop.bench.pipeline.PipelineBenchmark}).
 */
public final class ScoringBenchmark {

    private static final int RUNS = 3;
    private static final int PARTITIONS = 6;

    private static int batchSize = 500;

    private ScoringBenchmark() {
    }

    public static void main(String[] commandLine) throws Exception {
        if (commandLine.length > 0 && commandLine[0].equals("pipeline")) {
            io.npsloop.bench.pipeline.PipelineBenchmark.main(Arrays.copyOfRange(commandLine, 1, commandLine.length));
            return;
        }
        // Positional arguments first; any --name=value is a Spring property for the service in broker mode.
        String[] args = Arrays.stream(commandLine).filter(arg -> !arg.startsWith("--")).toArray(String[]::new);
        List<String> overrides = Arrays.stream(commandLine).filter(arg -> arg.startsWith("--")).toList();
        int responses = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String backends = args.length > 1 ? args[1] : "both";
        batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<ResponseSubmitted> input = generate(responses, new Random(7));
        if (backends.equals("broker")) {
            System.out.printf("scoring-service end to end: %d input records (%d responses), %d runs%n", input.size(), responses, RUNS);
            if (!overrides.isEmpty()) {
                System.out.println("service properties: " + String.join(" ", overrides));
            }
            ServiceBenchmark.report(input, RUNS, PARTITIONS, overrides);
            return;
        }
        System.out.printf("scoring benchmark: %d input records (%d responses), %d runs per backend, batches of %d%n",
                input.size(), responses, RUNS, batchSize);
        if (!backends.equals("h2")) {
            report("memory", input, () -> LocalMongoServer.inMemory(0));
        }
        if (!backends.equals("memory")) {
            Path dir = Files.createTempDirectory("nps-bench-");
            AtomicLong file = new AtomicLong();
            report("h2 file", input, () -> LocalMongoServer.onDisk(dir.resolve("bench-" + file.incrementAndGet() + ".mv"), 0));
        }
    }

    private interface ServerFactory {
        LocalMongoServer start();
    }

    private static void report(String backend, List<ResponseSubmitted> input, ServerFactory servers) {
        // A short warm-up run, so the JIT has compiled the hot path before anything is measured.
        run(input.subList(0, Math.min(1_000, input.size())), servers);
        double[] rates = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            rates[i] = run(input, servers);
            System.out.printf("  %-8s run %d: %,.0f records/s%n", backend, i + 1, rates[i]);
        }
        Arrays.sort(rates);
        System.out.printf("%-8s median: %,.0f records/s%n", backend, rates[RUNS / 2]);
    }

    private static double run(List<ResponseSubmitted> input, ServerFactory servers) {
        try (LocalMongoServer server = servers.start(); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            MongoScoringStore store = new MongoScoringStore(database);
            CountingEvents events = new CountingEvents();
            Segmentation segmentation = new Segmentation(List.of("region", "product", "plan"));
            ResponseScoring scoring = new ResponseScoring(
                    new ScoringDecision(segmentation, new SegmentCap(new MongoSegmentValues(database), 200), ZoneOffset.UTC),
                    store, events, Clock.systemUTC());
            long[] offsets = new long[PARTITIONS];
            long start = System.nanoTime();
            List<ScoringInput> batch = new ArrayList<>(batchSize);
            for (ResponseSubmitted response : input) {
                int partition = Math.floorMod(response.customerId().hashCode(), PARTITIONS);
                batch.add(new ScoringInput(response, partition, offsets[partition]++));
                if (batch.size() == batchSize) {
                    scoring.scoreAll(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                scoring.scoreAll(batch);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return input.size() / seconds;
        }
    }

    static List<ResponseSubmitted> generate(int responses, Random random) {
        String[] channels = {"email", "sms", "web", "app"};
        String[] regions = {"EMEA", "APAC", "AMER", "LATAM"};
        String[] products = {"core", "pro", "teams", "mobile", "api"};
        String[] plans = {"free", "basic", "business"};
        Instant now = Instant.now();
        List<ResponseSubmitted> input = new ArrayList<>(responses + responses / 10);
        List<ResponseSubmitted> sent = new ArrayList<>(responses);
        for (int i = 0; i < responses; i++) {
            ResponseSubmitted response = response("r-" + i, 1, "c-" + random.nextInt(Math.max(1, responses / 3)), random.nextInt(11),
                    now.minusSeconds(random.nextInt(60 * 86_400)), channels[random.nextInt(channels.length)],
                    Map.of("region", regions[random.nextInt(regions.length)], "product", products[random.nextInt(products.length)],
                            "plan", plans[random.nextInt(plans.length)]));
            input.add(response);
            sent.add(response);
            int dice = random.nextInt(20);
            if (dice == 0) {
                input.add(sent.get(random.nextInt(sent.size())));
            } else if (dice == 1) {
                ResponseSubmitted old = sent.get(random.nextInt(sent.size()));
                ResponseSubmitted revised = response(old.responseId(), old.revision() + 1, old.customerId(), random.nextInt(11),
                        old.occurredAt(), old.channel(), old.attributes());
                input.add(revised);
                sent.set(sent.indexOf(old), revised);
            }
        }
        return input;
    }

    private static ResponseSubmitted response(String id, int revision, String customerId, int score, Instant at, String channel,
            Map<String, String> attributes) {
        return new ResponseSubmitted(UUID.randomUUID().toString(), EventTypes.RESPONSE_SUBMITTED, ResponseSubmitted.SCHEMA_VERSION,
                at, at, "bench", id, revision, "survey-1", customerId, null, null, score, null, channel, null, attributes, null);
    }

    /** Stands in for Kafka: counts what would have been published. */
    private static final class CountingEvents implements ScoringEvents {
        long events;

        @Override
        public void publish(List<ResponseScored> scored, List<NpsMetricsUpdated> metrics) {
            events += scored.size() + metrics.size();
        }
    }
}
