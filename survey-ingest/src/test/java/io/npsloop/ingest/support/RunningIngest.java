package io.npsloop.ingest.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.ingest.SurveyIngestApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * survey-ingest started as in production (its own config files, command-line overrides) against
 * the shared test broker and store, with a database of the test's own, plus a small HTTP client.
 */
public final class RunningIngest implements AutoCloseable {

    public static final String DEV_KEY = "dev-key-change-me";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;

    private RunningIngest(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Against the shared broker. */
    public static RunningIngest start(String database, String... arguments) {
        return startWithBroker(LocalInfrastructure.shared().kafkaBootstrapServers(), database, arguments);
    }

    public static RunningIngest startWithBroker(String bootstrapServers, String database, String... more) {
        return launch(bootstrapServers, database, List.of(more));
    }

    /**
     * With no broker reachable: the binder gives each binding up after one metadata lookup (it would
     * otherwise retry ten times with back-off, most of a minute per binding) and a send fails after
     * 300 ms, so the service starts quickly and answers 503.
     */
    public static RunningIngest startWithoutBroker(String database, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.cloud.stream.kafka.binder.auto-create-topics=false",
                "--spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=300",
                "--spring.cloud.stream.kafka.binder.configuration.default.api.timeout.ms=1500",
                "--spring.cloud.stream.kafka.binder.configuration.request.timeout.ms=1000"));
        // The binder lives in a context of its own: the customisation is added to that one.
        arguments.addAll(List.of(OneMetadataAttempt.ARGUMENTS));
        arguments.addAll(List.of(more));
        return launch(closedBroker(), database, arguments);
    }

    private static RunningIngest launch(String bootstrapServers, String database, List<String> more) {
        Map<String, String> arguments = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.mongodb.uri=" + LocalInfrastructure.shared().mongoUri(),
                "--spring.mongodb.database=" + database,
                "--spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=1500",
                "--spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms=3000",
                "--spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms=1000"));
        all.addAll(more);
        // A repeated argument would reach the service joined ("1500,300"): a later one replaces an earlier one instead.
        all.forEach(argument -> arguments.put(argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument, argument));
        return new RunningIngest(SurveyIngestApplication.builder().run(arguments.values().toArray(String[]::new)));
    }

    /** A broker address nothing listens on. */
    public static String closedBroker() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "localhost:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public HttpResponse<String> post(String pathAndQuery, Map<String, String> headers, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + pathAndQuery)).POST(body);
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String pathAndQuery, Map<String, String> headers, byte[] body) {
        return post(pathAndQuery, headers, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    @Override
    public void close() {
        context.close();
    }
}
