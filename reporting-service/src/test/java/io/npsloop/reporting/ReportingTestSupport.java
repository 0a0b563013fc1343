package io.npsloop.reporting;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.npsloop.contracts.CloudEventHeaders;
import io.npsloop.infra.InputWriter;
import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the HTTP tests share: a reporting-service instance on its own topics, database and consumer
 * group, events written as the producing services write them, and bearer tokens of the development
 * issuer the test JVM's services trust.
 */
final class ReportingTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReportingTestSupport() {
    }

    /** The five input topics of one test run. */
    record Topics(String scored, String metrics, String alerts, String followups, String outcomes) {

        static Topics named(String prefix) {
            return new Topics(prefix + ".scored.v1", prefix + ".metrics.v1", prefix + ".alerts.v1", prefix + ".followups.v1",
                    prefix + ".outcomes.v1");
        }
    }

    /** A token of a person holding one role, as the identity provider would issue it. */
    static String token(Role role) {
        return DevIssuer.fromSystemProperty().token(role.name().toLowerCase(Locale.ROOT) + "-1", List.of(role), List.of());
    }

    static ConfigurableApplicationContext start(Topics topics, String database, String group) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.kafka.bootstrap-servers", LocalInfrastructure.shared().kafkaBootstrapServers());
        p.put("spring.mongodb.uri", LocalInfrastructure.shared().mongoUri());
        p.put("spring.mongodb.database", database);
        p.put("NPS_REPORTING_GROUP", group);
        p.put("server.port", "0");
        p.put("spring.cloud.stream.bindings.projectAnswers-in-0.destination", topics.scored());
        p.put("spring.cloud.stream.bindings.recordMetrics-in-0.destination", topics.metrics());
        p.put("spring.cloud.stream.bindings.projectAlerts-in-0.destination", topics.alerts());
        p.put("spring.cloud.stream.bindings.trackCases-in-0.destination", topics.followups());
        p.put("spring.cloud.stream.bindings.projectOutcomes-in-0.destination", topics.outcomes());
        p.put("nps.reporting.gauge-refresh", "2s");
        // Command-line arguments, since default properties would lose to the service's own yml.
        return ReportingServiceApplication.builder().run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A record as the producing services send it: JSON value, CloudEvents headers, keyed by customer id. */
    static ProducerRecord<String, byte[]> record(String topic, String key, String id, String type, Record event) {
        return record(topic, key, id, type, JSON.writeValueAsBytes(event));
    }

    /** A record with any value, such as a poison one, and the headers the producing services send. */
    static ProducerRecord<String, byte[]> record(String topic, String key, String id, String type, byte[] value) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(topic, key, value);
        r.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return r;
    }

    /** Sends the records in order and waits until the broker has acknowledged all of them. */
    static void publish(List<ProducerRecord<String, byte[]>> records) {
        try (InputWriter writer = new InputWriter(LocalInfrastructure.shared().kafkaBootstrapServers())) {
            records.forEach(writer::send);
        }
    }
}
