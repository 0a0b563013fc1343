package io.npsloop.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code main} entry points, run the way crash tests will run them: as separate JVMs that
 * announce readiness on stdout and are stopped with SIGTERM.
 */
class ProcessEntryPointsIntegrationTests {

    @Test
    void brokerProcessAnnouncesItselfAndKeepsItsRecordsWhenStoppedWithSigterm(@TempDir Path dataDir) throws Exception {
        int port = FreePorts.next();
        Process process = launch(LocalKafkaBroker.class, "--data-dir", dataDir.toString(),
                "--port", String.valueOf(port), "--partitions", "2");
        try {
            assertThat(readyLine(process, "KAFKA_READY")).isEqualTo("KAFKA_READY 127.0.0.1:" + port);
            Map<String, Object> producerConfig = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                    ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer =
                         new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("process.check.v1", "k", "survives")).get();
            }
        } finally {
            stop(process);
        }
        assertThat(process.exitValue()).as("exit code after SIGTERM").isEqualTo(143);

        try (LocalKafkaBroker restarted = LocalKafkaBroker.start(dataDir, port, 2)) {
            Map<String, Object> consumerConfig = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, restarted.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "process-check",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("process.check.v1"));
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                    return !values.isEmpty();
                });
            }
            assertThat(values).containsExactly("survives");
        }
    }

    @Test
    void mongoProcessAnnouncesItselfAndFlushesItsFileWhenStoppedWithSigterm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nps.mv.db");
        int port = FreePorts.next();
        Process process = launch(LocalMongoServer.class, "--data-file", file.toString(), "--port", String.valueOf(port));
        try {
            assertThat(readyLine(process, "MONGO_READY")).isEqualTo("MONGO_READY mongodb://127.0.0.1:" + port);
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
                client.getDatabase("nps").getCollection("responses").insertOne(new Document("_id", "r-1"));
            }
        } finally {
            stop(process);
        }

        try (LocalMongoServer restarted = LocalMongoServer.onDisk(file, port);
             MongoClient client = MongoClients.create(restarted.connectionString())) {
            assertThat(client.getDatabase("nps").getCollection("responses").countDocuments()).isEqualTo(1);
        }
    }

    private static Process launch(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The first stdout line with the given prefix; log lines, if a logging setup sends them to stdout, are skipped. */
    private static String readyLine(Process process, String prefix) throws Exception {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith(prefix + " ")) {
                        return line;
                    }
                }
                throw new IllegalStateException("Process ended without printing " + prefix);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return ready.get(90, TimeUnit.SECONDS);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
