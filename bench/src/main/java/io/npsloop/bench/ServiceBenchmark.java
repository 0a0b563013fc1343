package io.npsloop.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.npsloop.contracts.ResponseSubmitted;
import io.npsloop.infra.LocalKafkaBroker;
import io.npsloop.infra.LocalMongoServer;
import io.npsloop.scoring.ScoringServiceApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole scoring-service against a real Kafka broker (KRaft, in this JVM) and the in-memory
 * wire-compatible store: the input is written to a fresh topic first, then the service consumes it
 * with its production wiring (binder, DLQ, the real publishing adapter with acks=all) and the rate
 * is taken from its own {@code nps.scoring.responses} counter, from the first record scored to the last.
 */
final class ServiceBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LIMIT = Duration.ofMinutes(15);

    private ServiceBenchmark() {
    }

    static void report(List<ResponseSubmitted> input, int runs, int partitions,
            List<String> overrides) throws Exception {
        Path dir = Files.createTempDirectory("nps-bench-kafka-");
        try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir, 0, partitions); LocalMongoServer mongo = LocalMongoServer.inMemory(0)) {
            // A short warm-up run, so the JIT has compiled the hot path before anything is measured.
            run(input.subList(0, Math.min(1_000, input.size())), broker, mongo, partitions, overrides);
            double[] rates = new double[runs];
            for (int i = 0; i < runs; i++) {
                rates[i] = run(input, broker, mongo, partitions, overrides);
                System.out.printf("  broker   run %d: %,.0f records/s%n", i + 1, rates[i]);
            }
            Arrays.sort(rates);
            System.out.printf("broker   median: %,.0f records/s%n", rates[runs / 2]);
        } finally {
            // The broker's log of every run: about 100 MB each, nothing to keep.
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double run(List<ResponseSubmitted> input, LocalKafkaBroker broker, LocalMongoServer mongo, int partitions,
            List<String> overrides) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String responses = "bench-" + run + ".responses";
        produce(input, broker.bootstrapServers(), responses, partitions);
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--spring.mongodb.uri=" + mongo.connectionString(),
                "--spring.mongodb.database=bench_" + run,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.destination=" + responses,
                "--spring.cloud.stream.bindings.scoreResponse-in-0.group=bench-" + run,
                "--spring.cloud.stream.bindings.scored-out.destination=bench-" + run + ".scored",
                "--spring.cloud.stream.bindings.metrics-out.destination=bench-" + run + ".metrics",
                "--spring.cloud.stream.kafka.bindings.scoreResponse-in-0.consumer.dlq-name=" + responses + ".dlq"));
        args.addAll(overrides);
        try (ConfigurableApplicationContext context = ScoringServiceApplication.builder().run(args.toArray(String[]::new))) {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long first = 0;
            double scored;
            do {
                // Coarse enough to cost the measured service nothing (a 2 ms poll of the meters took
                // about a tenth of the CPU in a profile), fine enough against runs of ten seconds and more.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                scored = meters.find("nps.scoring.responses").counters().stream().mapToDouble(Counter::count).sum();
                if (first == 0 && scored > 0) {
                    first = System.nanoTime();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Scored " + scored + " of " + input.size() + " records in " + LIMIT);
                }
            } while (scored < input.size());
            return (input.size() - 1) / ((System.nanoTime() - first) / 1e9);
        }
    }

    private static void produce(List<ResponseSubmitted> input, String bootstrapServers, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // The loader only: an idempotent producer racing the new topic's leader elections can be left
        // retrying out-of-order sequence errors for ever; one request in flight keeps the order instead.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (ResponseSubmitted response : input) {
                producer.send(new ProducerRecord<>(topic, response.customerId(), JSON.writeValueAsString(response)));
            }
            producer.flush();
        }
    }
}
