package io.npsloop.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.npsloop.platform.security.DevIssuer;

import static org.awaitility.Awaitility.await;

/**
 * One service as its own operating-system process, started from its executable jar exactly as in
 * production ({@code java -jar}, configured by environment variables), so a test can kill it hard
 * ({@code SIGKILL}: no shutdown hook, no offset commit, no flush) and start it again.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceKind kind;
    private final Path jar;
    private final Map<String, String> environment;
    private final Path logFile;
    private final int port;
    private Process process;
    private int starts;

    private ServiceProcess(ServiceKind kind, Path jar, Map<String, String> environment, Path logFile, int port) {
        this.kind = kind;
        this.jar = jar;
        this.environment = environment;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts the service and returns once it reports ready. */
    static ServiceProcess start(ServiceKind kind, String kafkaBootstrapServers, String mongoUri, Path logDir) {
        return start(kind, kafkaBootstrapServers, mongoUri, logDir, "");
    }

    /**
     * Starts one instance of the service ({@code instance} tells its log apart from the others', empty
     * for the only one) and returns once it reports ready. Instances of one service share its
     * consumer groups and its database, as replicas of a deployment do.
     */
    static ServiceProcess start(ServiceKind kind, String kafkaBootstrapServers, String mongoUri, Path logDir, String instance) {
        Path jar = Repository.root().resolve(kind.serviceName()).resolve("target")
                .resolve(kind.serviceName() + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build the services first (./mvnw package): " + jar + " is missing");
        }
        int port = freePort();
        ServiceProcess service = new ServiceProcess(kind, jar, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers,
                "MONGODB_URI", mongoUri,
                "SERVER_PORT", String.valueOf(port)), logDir.resolve(kind.serviceName() + instance + ".log"), port);
        service.launch();
        return service;
    }

    void launch() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: these processes live for a minute on a shared 2-core machine.
                "-Xmx320m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--spring.main.banner-mode=off",
                // Trusts the development issuer the test JVM mints its tokens with.
                "--" + DevIssuer.DIRECTORY_PROPERTY + "=" + System.getProperty(DevIssuer.DIRECTORY_PROPERTY)));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(this::ready);
    }

    /** SIGKILL: the process gets no chance to commit offsets, flush or leave its consumer groups. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, and waits for the graceful shutdown: the instance leaves its consumer groups, which rebalance. */
    void stop() {
        close();
    }

    boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(kind.serviceName() + " exited with " + process.exitValue() + "; see " + logFile);
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    int starts() {
        return starts;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the repository is, from the test's working directory (the launcher module). */
    static final class Repository {

        private Repository() {
        }

        static Path root() {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("Cannot find the repository root");
            }
            return dir;
        }
    }
}
