package io.npsloop.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka broker and one in-memory Mongo server per JVM, started on first use, for the
 * integration tests of the services. Sharing them keeps a test run to a single broker start
 * instead of one per test class; a shutdown hook stops both and deletes the broker's temporary
 * data when the JVM exits.
 */
public final class LocalInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);

    private static final int PARTITIONS = 6;

    private static @Nullable LocalInfrastructure shared;

    private final LocalKafkaBroker kafka;
    private final LocalMongoServer mongo;

    private LocalInfrastructure(LocalKafkaBroker kafka, LocalMongoServer mongo) {
        this.kafka = kafka;
        this.mongo = mongo;
    }

    /** The JVM-wide pair, started by the first caller; later and concurrent callers get the same one. */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static LocalInfrastructure start() {
        Path kafkaDir;
        try {
            kafkaDir = Files.createTempDirectory("nps-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Kafka data dir", e);
        }
        LocalKafkaBroker kafka = LocalKafkaBroker.start(kafkaDir, 0, PARTITIONS);
        LocalMongoServer mongo;
        try {
            mongo = LocalMongoServer.inMemory(0);
        } catch (RuntimeException e) {
            kafka.close();
            deleteRecursively(kafkaDir);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            kafka.close();
            // Only after the broker has stopped: deleting live log segments makes Kafka fail its log dir.
            deleteRecursively(kafkaDir);
        }, "local-infrastructure-shutdown"));
        return new LocalInfrastructure(kafka, mongo);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mongoUri() {
        return mongo.connectionString();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}", dir, e);
        }
    }
}
