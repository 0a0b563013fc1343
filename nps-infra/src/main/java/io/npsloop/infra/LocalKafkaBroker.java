package io.npsloop.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Apache Kafka broker in KRaft combined mode (broker and controller in one
 * node), started in-process from the Kafka jars. Its data directory survives {@link #close()},
 * so a restart on the same directory sees the same topics and records; {@link #main(String[])}
 * runs it as its own process for tests that must kill or restart the broker.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final DataDirLock dataDirLock;
    private final Path dataDir;
    private final int port;
    private final Object lifecycle = new Object();
    private boolean closed;

    private LocalKafkaBroker(KafkaRaftServer server, DataDirLock dataDirLock, Path dataDir, int port) {
        this.server = server;
        this.dataDirLock = dataDirLock;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a broker on {@code 127.0.0.1:port} (0 picks a free port) that keeps its logs in
     * {@code dataDir}, formatting the directory first if it has never held a broker. Returns once
     * the broker answers an admin request.
     *
     * @param dataDir directory used by this broker only; created if missing
     * @param partitions default partition count of topics created automatically
     * @throws IllegalStateException if the broker cannot start (a port taken, say) or does not
     *     answer within 60 seconds
     */
    public static LocalKafkaBroker start(Path dataDir, int port, int partitions) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Port out of range: " + port);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Partitions must be at least 1, got " + partitions);
        }
        long started = System.nanoTime();
        Path logDir = dataDir.toAbsolutePath();
        int brokerPort = port == 0 ? FreePorts.next() : port;
        // The controller port only lives in the configuration (static quorum), not in the
        // formatted storage, so a fresh one on every start does not break a restart.
        int controllerPort = FreePorts.next();
        KafkaConfig config = new KafkaConfig(properties(logDir, brokerPort, controllerPort, partitions), false);

        DataDirLock lock = DataDirLock.acquire(logDir, "Kafka");
        boolean fresh;
        KafkaRaftServer server;
        try {
            fresh = formatIfNeeded(logDir);
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        LocalKafkaBroker broker = new LocalKafkaBroker(server, lock, logDir, brokerPort);
        try {
            server.startup();
        } catch (RuntimeException e) {
            broker.close();
            throw new IllegalStateException("Kafka broker could not start on " + broker.bootstrapServers()
                    + " (controller port " + controllerPort + ", data dir " + logDir + ")", e);
        }
        try {
            broker.awaitAnswer(started);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        log.info("Kafka broker ready on {} in {} ms ({} data dir {})", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), fresh ? "fresh" : "existing", logDir);
        return broker;
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort, int partitions) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // Static quorum (kraft.version 0): the voter address is read from here on every start
        // instead of being written into the storage by a --standalone format.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        // Kafka rejects a controller listener among the advertised listeners of a broker node.
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // Share groups default to three replicas for their state topic, which one node cannot host.
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // After a kill -9 the controller refuses the restarted broker until the old registration's
        // session expires (9 s by default); a shorter session keeps crash-restart tests quick.
        props.put("broker.heartbeat.interval.ms", "1000");
        props.put("broker.session.timeout.ms", "3000");
        props.put("auto.create.topics.enable", "true");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    /**
     * Formats the log directory the way {@code kafka-storage.sh format} does, unless it already
     * carries a {@code meta.properties}: formatting again would give it a new cluster id and
     * orphan the existing data.
     */
    private static boolean formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return false;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data dir " + logDir, e);
        }
        // The formatter reports on a PrintStream; keep it off stdout, where main() promises one line.
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
        }
        log.debug("Formatted Kafka storage: {}", report.toString(StandardCharsets.UTF_8).strip());
        return true;
    }

    private void awaitAnswer(long startedNanos) {
        long deadline = startedNanos + READY_TIMEOUT.toNanos();
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                            .nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // The admin call itself waits and retries with back-off, so looping is not a busy wait.
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
            }
        }
        throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " (data dir " + dataDir
                + ") did not answer within " + READY_TIMEOUT.toSeconds() + " s", last);
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Shuts the broker down and waits until it has released its ports and its data directory,
     * so a new broker can start on them straight away. Calling it again does nothing.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                dataDirLock.close();
            }
            log.info("Kafka broker on {} stopped", bootstrapServers());
        }
    }

    /**
     * Runs a broker as its own process: {@code --data-dir DIR --port N --partitions P}. Prints
     * {@code KAFKA_READY <bootstrap>} on stdout once the broker answers and stops it cleanly on
     * SIGTERM.
     */
    public static void main(String[] args) throws InterruptedException {
        CommandLine commandLine = CommandLine.parse(args, Set.of("data-dir", "port", "partitions"));
        LocalKafkaBroker broker = start(Path.of(commandLine.required("data-dir")),
                commandLine.integer("port", 9092), commandLine.integer("partitions", 6));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        System.out.println("KAFKA_READY " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
