package io.npsloop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.npsloop.infra.LocalKafkaBroker;
import io.npsloop.infra.LocalMongoServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole pipeline in one process: a real Kafka broker (KRaft) and the wire-compatible store,
 * both keeping their data under one directory, and the five services as separate Spring
 * applications, each with its own context, port and database, talking only over Kafka.
 */
public final class LocalPipeline implements AutoCloseable {

    private final @Nullable LocalKafkaBroker broker;
    private final @Nullable LocalMongoServer mongo;
    private final String kafkaBootstrapServers;
    private final String mongoUri;
    private final Map<ServiceKind, ConfigurableApplicationContext> services;

    private LocalPipeline(@Nullable LocalKafkaBroker broker, @Nullable LocalMongoServer mongo, String kafkaBootstrapServers,
            String mongoUri, Map<ServiceKind, ConfigurableApplicationContext> services) {
        this.broker = broker;
        this.mongo = mongo;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.mongoUri = mongoUri;
        this.services = services;
    }

    /**
     * Starts broker, store and services. Port 0 for any of them picks a free port (for tests);
     * {@code extraProperties} are passed to every service as command-line properties.
     */
    public static LocalPipeline start(Path dataDir, int kafkaPort, int mongoPort, Map<ServiceKind, Integer> servicePorts,
            List<String> extraProperties) {
        configureLogging();
        LocalKafkaBroker broker = null;
        LocalMongoServer mongo = null;
        try {
            Files.createDirectories(dataDir.resolve("mongo"));
            broker = LocalKafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, 6);
            mongo = LocalMongoServer.onDisk(dataDir.resolve("mongo").resolve("nps.mv"), mongoPort);
            Map<ServiceKind, ConfigurableApplicationContext> services =
                    startServices(broker.bootstrapServers(), mongo.connectionString(), servicePorts, extraProperties);
            return new LocalPipeline(broker, mongo, broker.bootstrapServers(), mongo.connectionString(), services);
        } catch (IOException e) {
            closeQuietly(mongo, broker);
            throw new UncheckedIOException("Cannot create the data directory " + dataDir, e);
        } catch (RuntimeException e) {
            closeQuietly(mongo, broker);
            throw e;
        }
    }

    /** Starts only the five services, against a Kafka cluster and a MongoDB that run elsewhere. */
    public static LocalPipeline connect(String kafkaBootstrapServers, String mongoUri, Map<ServiceKind, Integer> servicePorts,
            List<String> extraProperties) {
        configureLogging();
        return new LocalPipeline(null, null, kafkaBootstrapServers, mongoUri,
                startServices(kafkaBootstrapServers, mongoUri, servicePorts, extraProperties));
    }

    /**
     * One process, five applications: Logback configures itself once from logback.xml instead of
     * each application re-initialising the shared logging system as it starts.
     */
    private static void configureLogging() {
        if (System.getProperty(LoggingSystem.SYSTEM_PROPERTY) == null) {
            System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static Map<ServiceKind, ConfigurableApplicationContext> startServices(String kafkaBootstrapServers, String mongoUri,
            Map<ServiceKind, Integer> ports, List<String> extraProperties) {
        // Two cores: starting the services side by side overlaps their class loading and I/O waits.
        ExecutorService starter = Executors.newFixedThreadPool(2);
        Map<ServiceKind, Future<ConfigurableApplicationContext>> starting = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=" + ports.getOrDefault(kind, kind.defaultPort()),
                    "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                    "--spring.mongodb.uri=" + mongoUri,
                    "--spring.main.register-shutdown-hook=false",
                    "--spring.main.banner-mode=off"));
            args.addAll(extraProperties);
            starting.put(kind, starter.submit(() -> kind.builder().run(args.toArray(String[]::new))));
        }
        starter.shutdown();
        Map<ServiceKind, ConfigurableApplicationContext> started = new EnumMap<>(ServiceKind.class);
        RuntimeException failure = null;
        for (Map.Entry<ServiceKind, Future<ConfigurableApplicationContext>> entry : starting.entrySet()) {
            try {
                started.put(entry.getKey(), entry.getValue().get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure : new IllegalStateException(entry.getKey().serviceName() + " failed to start", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("Interrupted while starting " + entry.getKey().serviceName(), e);
            }
        }
        if (failure != null) {
            started.values().forEach(ConfigurableApplicationContext::close);
            throw failure;
        }
        return started;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String mongoUri() {
        return mongoUri;
    }

    public int port(ServiceKind kind) {
        return ((WebServerApplicationContext) services.get(kind)).getWebServer().getPort();
    }

    public String url(ServiceKind kind) {
        return "http://localhost:" + port(kind);
    }

    public ConfigurableApplicationContext context(ServiceKind kind) {
        return services.get(kind);
    }

    /** Stops the services first, so they leave their consumer groups while the broker is still there. */
    @Override
    public void close() {
        List<ServiceKind> kinds = new ArrayList<>(services.keySet());
        Collections.reverse(kinds);
        for (ServiceKind kind : kinds) {
            services.get(kind).close();
        }
        closeQuietly(mongo, broker);
    }

    private static void closeQuietly(@Nullable AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                // Shutting down anyway; the next start recovers from whatever state is on disk.
            }
        }
    }
}
