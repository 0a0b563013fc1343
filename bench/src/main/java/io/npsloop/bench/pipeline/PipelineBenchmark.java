package io.npsloop.bench.pipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import io.npsloop.infra.LocalKafkaBroker;
import io.npsloop.infra.LocalMongoServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline, each service its own process, against a real Kafka broker (KRaft) and the
 * wire-compatible store, both in this process as in the local run. Prints, in one run:
 * <ol type="a">
 * <li>ingest throughput over HTTP, single POSTs and the batch endpoint (a survey-ingest of its own
 * that publishes to a side topic, so the measured load does not queue up in front of scoring);</li>
 * <li>end-to-end throughput from the first POST until reporting-service's 30-day figure counts
 * every response, with the time each stage finished and the CPU each process used;</li>
 * <li>latency from POST to the detractor alert on {@code nps.alerts.v1} at a fixed offered rate,
 * timed from each request's due time (open loop); if the pipeline cannot sustain the rate, a short
 * probe at that rate and then the latency at 90% of the sustained rate measured in (b);</li>
 * <li>scoring-service NPS API latency at each stored size, its store seeded with the tallies of
 * that many responses ({@link TallySeeder});</li>
 * <li>resident memory of each service process;</li>
 * <li>the references: the broker's ceiling with plain kafka-clients ({@link KafkaCeiling}) and the
 * naive store, raw responses aggregated on each query ({@link NaiveStore}), and the ratios.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    private static final List<String> SERVICES = List.of(
            "survey-ingest", "scoring-service", "alerting-service", "followup-service", "reporting-service");
    private static final String INGEST_ALONE = "survey-ingest-alone";

    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private PipelineHttp http;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceProcess.Memory> memory = new LinkedHashMap<>();
    private Path work;
    private long expectedResponses;
    private double naiveInsertOne = Double.NaN;
    private final List<String> serviceArguments = new ArrayList<>();
    private String apiKeyHash;
    private MongoClient reportingStore;

    private PipelineBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            new PipelineBenchmark(Options.parse(args)).run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            status = 1;
        }
        // The broker's and the clients' threads are not all daemons: end the JVM either way.
        System.exit(status);
    }

    private void run() throws Exception {
        work = Files.createTempDirectory("nps-pipeline-bench-");
        Path logs = Files.createDirectories(work.resolve("logs"));
        // Reads need a bearer token: the services trust a development issuer of this run, as in the local run.
        Path issuerKeys = work.resolve("dev-issuer");
        String token = DevIssuer.at(issuerKeys).token("bench", List.of(Role.ANALYST), List.of());
        // No API key ships with survey-ingest: the run makes one and configures its hash, as an operator would.
        String apiKey = "bench-" + UUID.randomUUID();
        apiKeyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        http = new PipelineHttp(apiKey, token);
        serviceArguments.add("--nps.security.jwt.dev-issuer=" + issuerKeys);
        say("NPS Loop pipeline benchmark, " + ZonedDateTime.now(ZoneOffset.UTC));
        say("machine: " + Machine.describe());
        say("options: " + options);
        say("service logs: " + logs);
        try (Machine machine = new Machine();
                LocalKafkaBroker broker = LocalKafkaBroker.start(work.resolve("kafka"), 0, options.partitions());
                LocalMongoServer mongo = store(options.store())) {
            // Ctrl-C or a failure must not leave service processes behind.
            Thread stopServices = new Thread(this::stopServices, "bench-stop-services");
            Runtime.getRuntime().addShutdownHook(stopServices);
            try {
                long started = System.nanoTime();
                startServices(broker.bootstrapServers(), mongo.connectionString(), logs);
                reportingStore = MongoClients.create(mongo.connectionString());
                say(String.format("%d service processes ready in %.0f s", services.size(), (System.nanoTime() - started) / 1e9));
                // A section that fails says so and the others still run: a run takes long on this kind of machine.
                KafkaCeiling.Result ceiling = attempt("f", () -> kafkaCeiling(broker.bootstrapServers()),
                        new KafkaCeiling.Result(0, 0, Double.NaN, Double.NaN));
                double[] ingest = attempt("a", this::ingest, new double[] {Double.NaN, Double.NaN});
                double e2e = attempt("b", this::endToEnd, Double.NaN);
                attempt("c", () -> {
                    latency(broker.bootstrapServers(), e2e);
                    return null;
                }, null);
                Map<Long, Map<String, Double>> npsLatency = attempt("d", () -> npsQueries(mongo.connectionString()), Map.of());
                attempt("e", () -> {
                    residentMemory();
                    return null;
                }, null);
                if (options.runs("f")) {
                    references(ceiling, ingest, e2e, npsLatency);
                }
                say("");
                say(machine.loadSummary() + "; at the end " + Files.readString(Path.of("/proc/loadavg")).trim());
            } finally {
                if (reportingStore != null) {
                    reportingStore.close();
                }
                stopServices();
                Runtime.getRuntime().removeShutdownHook(stopServices);
            }
        }
        // The logs and any profiles stay; the copied jars and the broker's data go.
        deleteTree(work.resolve("jars"));
        deleteTree(work.resolve("kafka"));
        say("logs and profiles kept in " + work);
    }

    /** The store every service's database lives in: BSON bytes in memory, the library's maps in memory, or an H2 file. */
    private LocalMongoServer store(String kind) {
        return switch (kind) {
            case "h2" -> LocalMongoServer.onDisk(work.resolve("store.mv"), 0);
            case "memory" -> LocalMongoServer.inMemory(0);
            default -> LocalMongoServer.inMemoryAsBson(0);
        };
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // Temporary files: the operating system cleans them up eventually.
        }
    }

    private interface Section<T> {
        T run() throws Exception;
    }

    /** Runs a section unless --sections leaves it out (then its result is {@code failed}, i.e. not measured). */
    private <T> T attempt(String section, Section<T> body, T failed) {
        if (!options.runs(section)) {
            return failed;
        }
        try {
            return body.run();
        } catch (Exception | AssertionError e) {
            say("  section " + section + " FAILED: " + e);
            e.printStackTrace();
            return failed;
        }
    }

    private void stopServices() {
        synchronized (services) {
            services.values().forEach(ServiceProcess::close);
            services.clear();
        }
    }

    private void startServices(String bootstrapServers, String mongoUri, Path logs) {
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "MONGODB_URI", mongoUri,
                "NPS_TOPIC_PARTITIONS", String.valueOf(options.partitions()),
                "NPS_INGEST_API_KEYS_0_NAME", "bench",
                "NPS_INGEST_API_KEYS_0_SOURCE", "bench",
                "NPS_INGEST_API_KEYS_0_SHA256", apiKeyHash,
                // The benchmark is the only client; the per-key limit (50 requests/s by default) would be all it measures.
                "NPS_INGEST_RATE_LIMIT_PERMITS", "1000000000");
        Path jars = work.resolve("jars");
        Map<String, Path> copies = new LinkedHashMap<>();
        try {
            Files.createDirectories(jars);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Sections b to e measure the pipeline; a (and f) alone need none of its five services.
        boolean pipeline = options.sections().stream().anyMatch(List.of("b", "c", "d", "e")::contains);
        List<String> labels = new ArrayList<>(pipeline ? SERVICES : List.of());
        if (options.runs("a")) {
            // Section a measures ingest on a survey-ingest of its own, so its load does not queue up in front of scoring.
            labels.add(0, INGEST_ALONE);
        }
        labels.stream().map(label -> label.equals(INGEST_ALONE) ? "survey-ingest" : label).distinct()
                .forEach(service -> copies.put(service, ServiceProcess.copyJar(service, repository(), jars)));
        for (String label : labels) {
            String service = label.equals(INGEST_ALONE) ? "survey-ingest" : label;
            List<String> javaOptions = new ArrayList<>(options.serviceJavaOptions());
            if (!options.jfr().isEmpty() && options.jfr().contains(label)) {
                javaOptions.add("-XX:StartFlightRecording=filename=" + work.resolve(label + ".jfr") + ",settings=profile");
            }
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.putAll(options.serviceEnvironment());
            List<String> arguments = new ArrayList<>(serviceArguments);
            if (label.equals(INGEST_ALONE)) {
                env.put("NPS_INGEST_DATABASE", "bench_ingest_alone");
                arguments.add("--spring.cloud.stream.bindings.responses-out.destination=bench.ingest-alone.responses");
            }
            synchronized (services) {
                services.put(label, ServiceProcess.launch(label, copies.get(service), javaOptions, env, arguments, logs));
            }
        }
        CompletableFuture.allOf(services.values().stream()
                .map(service -> CompletableFuture.runAsync(service::awaitReady))
                .toArray(CompletableFuture[]::new)).join();
    }

    // ---------------------------------------------------------------- f (1): the broker's ceiling

    private KafkaCeiling.Result kafkaCeiling(String bootstrapServers) throws Exception {
        section("f1. raw Kafka ceiling: plain kafka-clients, same records, no pipeline");
        KafkaCeiling.Result result = KafkaCeiling.measure(bootstrapServers, options.kafkaRecords(), options.partitions());
        say(String.format("  %,d ResponseSubmitted records (%d bytes of JSON on average), %d partitions, acks=all, idempotent producer",
                result.records(), result.averageBytes(), options.partitions()));
        say(String.format("  produce: %,.0f records/s", result.producePerSecond()));
        say(String.format("  consume: %,.0f records/s (one consumer)", result.consumePerSecond()));
        return result;
    }

    // ---------------------------------------------------------------- a: ingest over HTTP

    private double[] ingest() {
        section("a. ingest throughput over HTTP (a survey-ingest of its own, publishing to a side topic)");
        ServiceProcess ingest = services.get(INGEST_ALONE);
        ResponseBodies bodies = new ResponseBodies("ingest-" + run, 1, 0);
        String url = ingest.url();
        AtomicInteger index = new AtomicInteger();
        // Warm-up, not measured: the JIT compiles the request path first.
        int warmUp = Math.min(1_000, Math.max(100, options.ingestSingle() / 5));
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger refusal = new AtomicInteger();
        concurrently(options.clients(), warmUp, i -> {
            String body;
            synchronized (bodies) {
                body = bodies.next(index.getAndIncrement(), -1).json();
            }
            int status = http.postResponse(url, body);
            if (status != 202) {
                refused.incrementAndGet();
                refusal.set(status);
            }
        });
        if (refused.get() == warmUp) {
            throw new IllegalStateException("survey-ingest refused every request, last with status " + refusal.get());
        }

        int singles = options.ingestSingle();
        long[] latencies = new long[singles];
        AtomicInteger failed = new AtomicInteger();
        double cpuBefore = Machine.cpuSeconds(ingest.pid());
        long elapsed = concurrently(options.clients(), singles, i -> {
            String body;
            synchronized (bodies) {
                body = bodies.next(index.getAndIncrement(), -1).json();
            }
            long start = System.nanoTime();
            if (http.postResponse(url, body) != 202) {
                failed.incrementAndGet();
            }
            latencies[i] = System.nanoTime() - start;
        });
        double single = singles / (elapsed / 1e9);
        say(String.format("  single POST /api/v1/responses: %,.0f responses/s (%,d requests, %d clients, %d not 202); request %s; "
                        + "ingest CPU %.1f ms per response", single, singles, options.clients(), failed.get(), new Percentiles(latencies),
                (Machine.cpuSeconds(ingest.pid()) - cpuBefore) * 1000 / singles));

        int batches = Math.max(1, options.ingestBatch() / options.batchSize());
        AtomicLong accepted = new AtomicLong();
        long[] batchLatencies = new long[batches];
        cpuBefore = Machine.cpuSeconds(ingest.pid());
        elapsed = concurrently(options.batchClients(), batches, i -> {
            List<ResponseBodies.Body> batch = new ArrayList<>(options.batchSize());
            synchronized (bodies) {
                for (int k = 0; k < options.batchSize(); k++) {
                    batch.add(bodies.next(index.getAndIncrement(), -1));
                }
            }
            long start = System.nanoTime();
            accepted.addAndGet(Math.max(0, http.postBatch(url, ResponseBodies.batch(batch))));
            batchLatencies[i] = System.nanoTime() - start;
        });
        double batch = accepted.get() / (elapsed / 1e9);
        say(String.format("  batch POST /api/v1/responses/batch: %,.0f responses/s (%,d batches of %d, %d clients, %,d accepted of %,d); "
                        + "request %s; ingest CPU %.1f ms per response", batch, batches, options.batchSize(), options.batchClients(),
                accepted.get(), (long) batches * options.batchSize(), new Percentiles(batchLatencies),
                (Machine.cpuSeconds(ingest.pid()) - cpuBefore) * 1000 / Math.max(1, accepted.get())));
        memory.put(INGEST_ALONE, ingest.memory());
        synchronized (services) {
            ingest.close();
            services.remove(INGEST_ALONE);
        }
        return new double[] {single, batch};
    }

    // ---------------------------------------------------------------- b: end to end

    private double endToEnd() {
        int n = options.responses();
        section(String.format("b. end to end: %,d responses POSTed in batches until reporting-service counts them all", n));
        String ingest = services.get("survey-ingest").url();
        ResponseBodies bodies = new ResponseBodies("e2e-" + run, 2, Math.max(1, n / 3));
        Map<String, Double> cpuBefore = cpuByProcess();
        long start = System.nanoTime();
        AtomicLong accepted = new AtomicLong();
        AtomicInteger index = new AtomicInteger();
        int batches = (n + options.batchSize() - 1) / options.batchSize();
        CompletableFuture<Long> posting = CompletableFuture.supplyAsync(() -> concurrently(options.batchClients(), batches, i -> {
            List<ResponseBodies.Body> batch = new ArrayList<>(options.batchSize());
            synchronized (bodies) {
                for (int k = 0; k < options.batchSize() && index.get() < n; k++) {
                    batch.add(bodies.next(index.getAndIncrement(), -1));
                }
            }
            if (!batch.isEmpty()) {
                accepted.addAndGet(Math.max(0, http.postBatch(ingest, ResponseBodies.batch(batch))));
            }
        }));
        long target = expectedResponses + n;
        long scoredAt = 0;
        long reportedAt = 0;
        long lastProgress = start;
        long lastAnswer = start;
        while (reportedAt == 0) {
            Pause.millis(1_000);
            long now = System.nanoTime();
            long scored;
            long reported;
            try {
                scored = scoringCount();
                reported = reportingCount();
            } catch (RuntimeException e) {
                // A probe that times out on a saturated machine is retried; only minutes without an answer end the section.
                if (now - lastAnswer > TimeUnit.MINUTES.toNanos(5)) {
                    throw e;
                }
                System.err.printf("  ... %.0f s: progress probe failed (%s), retrying%n", (now - start) / 1e9, e.getMessage());
                continue;
            }
            lastAnswer = now;
            if (scoredAt == 0 && scored >= target) {
                scoredAt = now;
            }
            if (reported >= target) {
                reportedAt = now;
            }
            if (now - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                lastProgress = now;
                System.err.printf("  ... %.0f s: %,d accepted, %,d scored, %,d in reporting%n", (now - start) / 1e9,
                        accepted.get(), scored - expectedResponses, reported - expectedResponses);
            }
            if (posting.isDone() && accepted.get() < n) {
                throw new IllegalStateException("Only " + accepted.get() + " of " + n + " responses were accepted");
            }
        }
        long ingestEnd = start + posting.join();
        expectedResponses = target;
        Map<String, Double> cpu = cpuByProcess();
        cpu.replaceAll((label, seconds) -> seconds - cpuBefore.get(label));
        double rate = n / ((reportedAt - start) / 1e9);
        say(String.format("  ingest finished after %.1f s (%,.0f responses/s accepted)", (ingestEnd - start) / 1e9, n / ((ingestEnd - start) / 1e9)));
        say(String.format("  scoring-service counted all after %.1f s (%,.0f responses/s)", (scoredAt - start) / 1e9, n / ((scoredAt - start) / 1e9)));
        say(String.format("  reporting-service counted all after %.1f s", (reportedAt - start) / 1e9));
        say(String.format("  end-to-end throughput: %,.0f responses/s", rate));
        say("  CPU used per 1,000 responses (user + system, seconds): " + cpu.entrySet().stream()
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() * 1000 / n)).collect(Collectors.joining(", ")));
        storeFootprint();
        return rate;
    }

    /**
     * What the store holds per response after the run so far, per database and collection: the
     * documents and their size as BSON ({@code collStats}), divided by the responses sent through
     * the pipeline. It is what each service keeps per response, whatever store holds it.
     */
    private void storeFootprint() {
        long responses = expectedResponses;
        say(String.format("  store after %,d responses (collStats: documents and BSON bytes per response):", responses));
        long totalDocuments = 0;
        long totalBytes = 0;
        for (String name : reportingStore.listDatabaseNames()) {
            var database = reportingStore.getDatabase(name);
            List<String> parts = new ArrayList<>();
            long documents = 0;
            long bytes = 0;
            for (String collection : database.listCollectionNames()) {
                org.bson.Document stats = database.runCommand(new org.bson.Document("collStats", collection));
                long count = ((Number) stats.get("count")).longValue();
                long size = ((Number) stats.get("size")).longValue();
                documents += count;
                bytes += size;
                if (size >= responses) {
                    parts.add(String.format("%s %.2f x %.0f B", collection, (double) count / responses, (double) size / Math.max(1, count)));
                }
            }
            totalDocuments += documents;
            totalBytes += bytes;
            if (documents > 0) {
                say(String.format("    %-16s %5.2f documents, %,6.0f B per response (%s)", name, (double) documents / responses,
                        (double) bytes / responses, String.join(", ", parts)));
            }
        }
        say(String.format("    %-16s %5.2f documents, %,6.0f B per response", "all", (double) totalDocuments / responses, (double) totalBytes / responses));
    }

    // ---------------------------------------------------------------- c: POST to alert

    private void latency(String bootstrapServers, double sustained) {
        section(String.format("c. latency from POST to the detractor alert on nps.alerts.v1, offered %,d responses/s", options.rate()));
        try (AlertWatcher alerts = new AlertWatcher(bootstrapServers)) {
            double rate = options.rate();
            if (Double.isNaN(sustained) || rate > sustained) {
                say(String.format("  the pipeline sustained %,.0f responses/s end to end in (b): it cannot take %,d/s.", sustained, options.rate()));
                say(String.format("  probe: %d s offered at %,d/s, then every alert awaited", options.probeSeconds(), options.rate()));
                openLoop("probe-" + run, rate, options.probeSeconds(), alerts);
                if (Double.isNaN(sustained)) {
                    throw new IllegalStateException("no end-to-end rate from (b) to run at");
                }
                rate = Math.max(1, Math.floor(sustained * 0.9));
                say(String.format("  at the sustained rate: %d s offered at %,.0f/s (90%% of the end-to-end rate of (b))", options.latencySeconds(), rate));
            }
            openLoop("latency-" + run, rate, options.latencySeconds(), alerts);
        }
    }

    /**
     * Offers {@code rate} single POSTs per second for {@code seconds}, each at its due time whatever
     * the previous ones did (open loop), every response from a customer of its own so that each
     * detractor raises its own alert; latency counts from the due time, so a request that had to
     * wait for a free client is not flattered.
     */
    private void openLoop(String prefix, double rate, int seconds, AlertWatcher alerts) {
        String ingest = services.get("survey-ingest").url();
        int count = (int) Math.max(1, Math.round(rate * seconds));
        ResponseBodies generator = new ResponseBodies(prefix, 3, 0);
        List<ResponseBodies.Body> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(generator.next(i, -1));
        }
        long[] due = new long[count];
        AtomicLongArray answered = new AtomicLongArray(count);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(64);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < count; i++) {
            due[i] = start + (long) (i * 1e9 / rate);
            Pause.until(due[i]);
            int item = i;
            clients.execute(() -> {
                if (http.postResponse(ingest, bodies.get(item).json()) == 202) {
                    answered.set(item, System.nanoTime());
                    accepted.incrementAndGet();
                }
            });
        }
        clients.shutdown();
        awaitTermination(clients);
        long lastAnswer = 0;
        for (int i = 0; i < count; i++) {
            lastAnswer = Math.max(lastAnswer, answered.get(i));
        }
        double achieved = accepted.get() / ((lastAnswer - start) / 1e9);
        expectedResponses += accepted.get();

        List<Integer> detractors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (bodies.get(i).detractor() && answered.get(i) != 0) {
                detractors.add(i);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180 + (long) (count / Math.max(1, rate)) * 20);
        while (detractors.stream().anyMatch(i -> alerts.seenAt(bodies.get(i).responseId()) == null) && System.nanoTime() < deadline) {
            Pause.millis(500);
        }
        long[] toAlert = detractors.stream().filter(i -> alerts.seenAt(bodies.get(i).responseId()) != null)
                .mapToLong(i -> alerts.seenAt(bodies.get(i).responseId()) - due[i]).toArray();
        long[] toAnswer = new long[accepted.get()];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (answered.get(i) != 0) {
                toAnswer[k++] = answered.get(i) - due[i];
            }
        }
        int tail = Math.max(1, detractors.size() / 10);
        long[] lastTenth = detractors.subList(detractors.size() - Math.min(tail, detractors.size()), detractors.size()).stream()
                .filter(i -> alerts.seenAt(bodies.get(i).responseId()) != null)
                .mapToLong(i -> alerts.seenAt(bodies.get(i).responseId()) - due[i]).toArray();
        say(String.format("  offered %,d POSTs at %,.0f/s; %,d accepted, at %,.0f/s; POST answered: %s", count, rate, accepted.get(), achieved,
                new Percentiles(toAnswer)));
        say(String.format("  POST to alert (%,d detractors, %,d alerts seen): %s; the last tenth of the run: p50 %s ms",
                detractors.size(), toAlert.length, new Percentiles(toAlert), Percentiles.fmt(new Percentiles(lastTenth).millis(50))));
        awaitDrained();
    }

    // ---------------------------------------------------------------- d: NPS API

    private Map<Long, Map<String, Double>> npsQueries(String mongoUri) {
        section("d. scoring-service NPS API latency by stored responses (store seeded with their tallies), and the naive store");
        say("  seeding: the NPS API reads only the daily tallies; the store gets the tallies of N responses through its own");
        say("  store code (MongoScoringStore.applyDeltas, one guarded update per segment and day), not N records through Kafka");
        String scoring = services.get("scoring-service").url();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("overall, 30 days", "/api/v1/nps?window=30d");
        queries.put("region=EMEA, 90 days", "/api/v1/nps?window=90d&dimension=region&value=EMEA");
        queries.put("every product, 90 days", "/api/v1/nps/segments?dimension=product&window=90d");
        queries.put("daily trend, 90 days", "/api/v1/nps/trend?granularity=day&from=" + today.minusDays(89) + "&to=" + today);
        Map<Long, Map<String, Double>> medians = new LinkedHashMap<>();
        long stored = stored90(scoring);
        try (TallySeeder seeder = new TallySeeder(mongoUri, "nps_scoring")) {
            for (long size : options.npsSizes()) {
                long seedStart = System.nanoTime();
                if (size > stored) {
                    seeder.add(size - stored);
                }
                stored = stored90(scoring);
                say(String.format("  %,d stored responses (90-day n now %,d; seeded in %.1f s)", size, stored, (System.nanoTime() - seedStart) / 1e9));
                Map<String, Double> bySize = new LinkedHashMap<>();
                queries.forEach((name, path) -> {
                    for (int i = 0; i < 20; i++) {
                        http.get(scoring + path);
                    }
                    long[] times = new long[options.npsQueries()];
                    for (int i = 0; i < times.length; i++) {
                        long start = System.nanoTime();
                        http.get(scoring + path);
                        times[i] = System.nanoTime() - start;
                    }
                    Percentiles p = new Percentiles(times);
                    bySize.put(name, p.millis(50));
                    say(String.format("    pipeline %-24s %s", name + ":", p));
                });
                medians.put(size, bySize);
            }
        }
        if (!options.naiveSizes().isEmpty()) {
            try (NaiveStore naive = new NaiveStore()) {
                int sample = (int) Math.min(20_000, options.naiveSizes().get(0));
                double oneByOne = naive.insertOneByOne(sample);
                say(String.format("  naive store: raw responses, one insertOne each: %,.0f responses/s (first %,d)", oneByOne, sample));
                naiveInsertOne = oneByOne;
                for (long size : options.naiveSizes()) {
                    double bulk = naive.fillTo(size);
                    say(String.format("  naive store, %,d raw responses (the rest inserted in bulk at %,.0f/s)", size, bulk));
                    Map<String, Double> bySize = medians.computeIfAbsent(-size, s -> new LinkedHashMap<>());
                    for (NaiveStore.NamedQuery query : naive.queries()) {
                        query.run().get();
                        long[] times = new long[options.naiveQueries()];
                        for (int i = 0; i < times.length; i++) {
                            long start = System.nanoTime();
                            query.run().get();
                            times[i] = System.nanoTime() - start;
                        }
                        Percentiles p = new Percentiles(times);
                        bySize.put(query.name(), p.millis(50));
                        say(String.format("    naive    %-24s %s", query.name() + ":", p));
                    }
                }
            }
        }
        return medians;
    }

    private long stored90(String scoring) {
        return http.get(scoring + "/api/v1/nps?window=90d").path("n").asLong();
    }

    // ---------------------------------------------------------------- e: memory

    private void residentMemory() {
        section("e. resident memory of each service process (VmRSS now / VmHWM peak, /proc/<pid>/status)");
        services.forEach((label, service) -> memory.put(label, service.memory()));
        memory.put("benchmark JVM (broker, store, load)", ServiceProcess.Memory.of(ProcessHandle.current().pid()));
        say("  service JVM options: " + String.join(" ", options.serviceJavaOptions()));
        memory.forEach((label, m) -> say(String.format("  %-36s %,7.0f MiB now, %,7.0f MiB peak", label, m.rssKib() / 1024.0, m.peakKib() / 1024.0)));
    }

    // ---------------------------------------------------------------- f (2): the references side by side

    private void references(KafkaCeiling.Result ceiling, double[] ingest, double e2e, Map<Long, Map<String, Double>> medians) {
        section("f. side by side: the pipeline against the raw Kafka ceiling and the naive store");
        double kafka = Math.min(ceiling.producePerSecond(), ceiling.consumePerSecond());
        say(String.format("  %-58s %12s %14s %14s", "figure", "pipeline", "Kafka ceiling", "pipeline/Kafka"));
        say(String.format("  %-58s %,12.0f %,14.0f %14.4f", "ingest, single POSTs (responses/s)", ingest[0], ceiling.producePerSecond(), ingest[0] / ceiling.producePerSecond()));
        say(String.format("  %-58s %,12.0f %,14.0f %14.4f", "ingest, batch endpoint (responses/s)", ingest[1], ceiling.producePerSecond(), ingest[1] / ceiling.producePerSecond()));
        say(String.format("  %-58s %,12.0f %,14.0f %14.4f", "end to end (responses/s; Kafka: min(produce, consume))", e2e, kafka, e2e / kafka));
        say("");
        say(String.format("  %-58s %12s %14s %14s", "figure", "pipeline", "naive", "pipeline/naive"));
        say(String.format("  %-58s %,12.0f %,14.0f %14.4f", "write path (responses/s; naive: insertOne each)", e2e, naiveInsertOne, e2e / naiveInsertOne));
        medians.forEach((size, bySize) -> {
            if (size < 0) {
                return;
            }
            Map<String, Double> naive = medians.get(-size);
            bySize.forEach((query, pipeline) -> {
                Double other = naive == null ? null : naive.get(query);
                say(String.format("  %-58s %12s %14s %14s", String.format("NPS query p50 ms, %s, %,d", query, size),
                        Percentiles.fmt(pipeline), other == null ? "not run" : Percentiles.fmt(other),
                        other == null ? "-" : String.format("%.4f", pipeline / other)));
            });
        });
    }

    // ---------------------------------------------------------------- helpers

    private long scoringCount() {
        return http.get(services.get("scoring-service").url() + "/api/v1/nps?window=30d").path("n").asLong();
    }

    /**
     * The n of reporting-service's 30-day overall figure, summed from the daily figures it has
     * projected (its {@code daily_figures}, what its overview sums), read from its database in the
     * store this JVM runs. Once a second over HTTP, the overview would also build its 0-10
     * distribution from every stored answer, and at hundreds of thousands of answers that probe
     * would be the largest load on reporting and the store: the benchmark would measure itself.
     */
    private long reportingCount() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String from = "overall|all|" + today.minusDays(29);
        String to = "overall|all|" + today;
        long n = 0;
        for (org.bson.Document day : reportingStore.getDatabase("nps_reporting").getCollection("daily_figures")
                .find(Filters.and(Filters.gte("_id", from), Filters.lte("_id", to)))) {
            n += day.getLong("promoters") + day.getLong("passives") + day.getLong("detractors");
        }
        return n;
    }

    /** Waits until scoring and reporting count every response accepted so far. */
    private void awaitDrained() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (scoringCount() < expectedResponses || reportingCount() < expectedResponses) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The pipeline did not catch up with " + expectedResponses + " responses");
            }
            Pause.millis(1_000);
        }
    }

    private Map<String, Double> cpuByProcess() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        services.forEach((label, service) -> cpu.put(label, Machine.cpuSeconds(service.pid())));
        cpu.put("benchmark JVM (broker, store, load)", Machine.cpuSeconds(ProcessHandle.current().pid()));
        return cpu;
    }

    /** Runs {@code tasks} tasks on {@code threads} threads; the elapsed nanoseconds. */
    private static long concurrently(int threads, int tasks, IntConsumer task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                    task.accept(i);
                }
            }, pool));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return elapsed;
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Requests still running after 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run from the repository (the service jars are found under it)");
        }
        return dir;
    }

    private void section(String title) {
        say("");
        say(title);
    }

    private void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
