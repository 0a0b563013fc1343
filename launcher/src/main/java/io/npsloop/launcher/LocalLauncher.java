package io.npsloop.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.npsloop.ingest.apikeys.ApiKeys;

/**
 * {@code java -jar launcher-exec.jar}: the pipeline on this machine, data under {@code ./data}
 * (or {@code NPS_DATA_DIR}), fixed ports, Ctrl-C stops everything cleanly.
 */
public final class LocalLauncher {

    private LocalLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path dataDir = Path.of(env("NPS_DATA_DIR", "data")).toAbsolutePath();
        int kafkaPort = Integer.parseInt(env("NPS_KAFKA_PORT", "9092"));
        int mongoPort = Integer.parseInt(env("NPS_MONGO_PORT", "27017"));
        Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
        for (ServiceKind kind : ServiceKind.values()) {
            String variable = "NPS_" + kind.name() + "_PORT";
            ports.put(kind, Integer.parseInt(env(variable, String.valueOf(kind.defaultPort()))));
        }

        LocalPipeline pipeline = LocalPipeline.start(dataDir, kafkaPort, mongoPort, ports, withDevelopmentDefaults(args, dataDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping NPS Loop...");
            pipeline.close();
            stopped.countDown();
        }, "nps-loop-shutdown"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("%nNPS Loop is running (started in %.1f s). Data: %s%n", took.toMillis() / 1000.0, dataDir);
        System.out.printf("  Kafka            %s%n", pipeline.kafkaBootstrapServers());
        System.out.printf("  MongoDB (wire)   %s%n", pipeline.mongoUri());
        for (ServiceKind kind : ServiceKind.values()) {
            System.out.printf("  %-16s %s   (health: %s/actuator/health)%n", kind.serviceName(), pipeline.url(kind), pipeline.url(kind));
        }
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /**
     * What makes the READMEs' examples work as written on a developer's machine, and only here: the
     * development token issuer (keys created under the data directory, tokens from
     * {@code ./dev-token}), a webhook signing secret and a source system's API key generated there
     * on first start ({@code ./dev-token source} prints the key). The
     * services themselves ship without either. A property given on the command line wins.
     */
    static List<String> developmentDefaults(Path dataDir) {
        DevSecrets secrets = devSecrets(dataDir);
        return List.of(
                "--nps.security.jwt.dev-issuer=" + devIssuerDirectory(dataDir),
                "--nps.alerting.notifications.webhook-secret=" + secrets.webhookSecret(),
                "--nps.ingest.api-keys[0].name=dev",
                "--nps.ingest.api-keys[0].source=dev",
                "--nps.ingest.api-keys[0].sha256=" + ApiKeys.sha256Hex(secrets.ingestApiKey()));
    }

    static DevSecrets devSecrets(Path dataDir) {
        return DevSecrets.at(dataDir.resolve("dev-secrets"));
    }

    static Path devIssuerDirectory(Path dataDir) {
        return dataDir.resolve("dev-issuer");
    }

    static List<String> withDevelopmentDefaults(String[] args, Path dataDir) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        for (String fallback : developmentDefaults(dataDir)) {
            String name = fallback.substring(0, fallback.indexOf('=') + 1);
            if (all.stream().noneMatch(arg -> arg.startsWith(name))) {
                all.add(fallback);
            }
        }
        return all;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
