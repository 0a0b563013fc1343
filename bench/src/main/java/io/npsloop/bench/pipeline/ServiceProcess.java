package io.npsloop.bench.pipeline;

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

/**
 * One service as its own operating-system process, started from its executable jar as in
 * production ({@code java -jar}, configured by environment variables), so its resident memory is
 * its own and can be read from {@code /proc/<pid>/status}.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_LIMIT = Duration.ofMinutes(10);

    private final String label;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String label, Process process, Path log, int port) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Copies {@code <service>/target/<service>-0.1.0-SNAPSHOT-exec.jar} of the repository into the
     * benchmark's directory, so a build running meanwhile cannot pull a jar from under a running service.
     */
    static Path copyJar(String service, Path repository, Path dir) {
        Path jar = repository.resolve(service).resolve("target").resolve(service + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Build first (./mvnw -o -q -pl bench -am package -Dmaven.test.skip=true): " + jar + " is missing");
        }
        try {
            return Files.copy(jar, dir.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the service from its jar; returns at once. */
    static ServiceProcess launch(String label, Path jar, List<String> javaOptions, Map<String, String> environment,
            List<String> arguments, Path logDir) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "--spring.main.banner-mode=off"));
        command.addAll(arguments);
        Path log = logDir.resolve(label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        try {
            return new ServiceProcess(label, builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service's readiness probe answers 200. */
    ServiceProcess awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(label + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(label + " not ready after " + START_LIMIT + "; see " + log);
            }
            Pause.millis(500);
        }
        return this;
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = PROBE.send(HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String label() {
        return label;
    }

    String url() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    Memory memory() {
        return Memory.of(process.pid());
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident set now and at its peak ({@code VmRSS}, {@code VmHWM} of {@code /proc/<pid>/status}), in KiB. */
    record Memory(long rssKib, long peakKib) {

        static Memory of(long pid) {
            try {
                long rss = 0;
                long peak = 0;
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = kib(line);
                    } else if (line.startsWith("VmHWM:")) {
                        peak = kib(line);
                    }
                }
                return new Memory(rss, peak);
            } catch (IOException e) {
                return new Memory(-1, -1);
            }
        }

        private static long kib(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }
}
