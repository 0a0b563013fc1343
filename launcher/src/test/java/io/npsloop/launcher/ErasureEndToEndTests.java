package io.npsloop.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.npsloop.contracts.Topics;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import tools.jackson.databind.JsonNode;

import static io.npsloop.launcher.PipelineClient.JSON;
import static io.npsloop.launcher.PipelineClient.n;
import static io.npsloop.launcher.PipelineClient.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data through the whole pipeline, and out of it again. A detractor with a name, an email
 * address, a phone number and a comment travels to an alert, a case an agent works, and the
 * reports; no log line of any service prints the contact data, comment or notes. Then an admin erases
 * the customer: every service reports what it erased, no document in any service's database holds
 * the customer or their words any more, and every figure is what it was. The erasure holds for what
 * comes later too: a response still in flight (scored, but not yet seen by alerting, whose binding
 * is stopped until after the erasure) and a response sent after the erasure are kept pseudonymised
 * everywhere, and every figure counts them.
 */
class ErasureEndToEndTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ALERTING_INPUT = "raiseAlerts-in-0";

    @TempDir
    Path dataDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String customerId = "c-erase-" + run;
    private final String name = "Grace Hopper " + run;
    private final String email = "grace." + run + "@example.com";
    private final String phone = "+44 20 7946 " + (1000 + Math.floorMod(run.hashCode(), 9000));
    private final String comment = "Parcel " + run + " never arrived and nobody called back";
    private final String note = "Spoke to her about parcel " + run;
    private final CapturedLogs logs = new CapturedLogs();
    private LocalPipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        logs.detach();
    }

    @Test
    void noPersonalDataInTheLogsAndAnErasureLeavesNoTraceButTheFigures() throws Exception {
        logs.attach();
        Map<ServiceKind, Integer> randomPorts = PipelineClient.randomPorts();
        pipeline = LocalPipeline.start(dataDir, 0, 0, randomPorts, List.of());
        PipelineClient client = new PipelineClient(pipeline);

        // A response that fails validation carries personal data too: refusing it must not log it.
        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", response("r-bad-" + run, 42)).statusCode()).isEqualTo(400);
        HttpResponse<String> accepted = client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", response("r-" + run, 2));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses",
                "{\"responseId\":\"r-other-" + run + "\",\"customerId\":\"c-other\",\"score\":10}").statusCode()).isEqualTo(202);

        // The other customer's promoter answer opens an advocacy task that may come first: take this customer's case.
        JsonNode openCase = client.awaitFirstWith(ServiceKind.FOLLOWUP, "/api/v1/cases?state=OPEN", "customerId", customerId);
        assertThat(openCase.path("kind").asString()).isEqualTo("RECOVERY");
        String casePath = "/api/v1/cases/" + openCase.path("caseId").asString();
        assertThat(client.postAs("ada", ServiceKind.FOLLOWUP, casePath + "/claim", "").statusCode()).isEqualTo(200);
        assertThat(client.postAs("ada", ServiceKind.FOLLOWUP, casePath + "/contact-attempts",
                "{\"channel\":\"PHONE\",\"outcome\":\"REACHED\",\"note\":\"" + note + "\"}").statusCode()).isEqualTo(200);
        // A response in flight at the erasure: scored and projected, but alerting does not see it
        // until its binding starts again, after the erasure.
        BindingsLifecycleController alertingBindings = pipeline.context(ServiceKind.ALERTING).getBean(BindingsLifecycleController.class);
        alertingBindings.changeState(ALERTING_INPUT, BindingsLifecycleController.State.STOPPED);
        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", response("r-inflight-" + run, 3)).statusCode()).isEqualTo(202);

        // Every service holds the customer's data before the erasure: reporting's answers come from
        // another topic than its figures, so they are awaited on their own, before the figures are read.
        await().atMost(PipelineClient.PATIENCE).until(() -> databasesHolding(List.of(customerId)).stream()
                .anyMatch(found -> found.contains(".answers: ")));
        JsonNode overview = client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview",
                node -> n(node, "30d") == 3 && window(node, "30d").path("distribution").toString().equals("[0,0,1,1,0,0,0,0,0,0,1]"));
        JsonNode figure = client.awaitGet(ServiceKind.SCORING, "/api/v1/nps?window=30d", node -> node.path("n").asLong() == 3);
        assertThat(alertingHas("r-inflight-" + run)).as("alerting has not seen the response in flight").isFalse();

        HttpResponse<String> requested = send("POST", ServiceKind.SURVEY_INGEST, "/api/v1/erasures", Role.ADMIN,
                "{\"customerId\":\"" + customerId + "\",\"reason\":\"customer request by email\"}");
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(202);
        String erasureId = JSON.readTree(requested.body()).path("erasureId").asString();
        assertThat(send("POST", ServiceKind.SURVEY_INGEST, "/api/v1/erasures", Role.ANALYST,
                "{\"customerId\":\"" + customerId + "\"}").statusCode()).as("only admins erase").isEqualTo(403);
        assertThat(send("POST", ServiceKind.SURVEY_INGEST, "/api/v1/erasures", Role.ADMIN, "{\"customerId\":\" \"}").statusCode())
                .as("a blank customer id is a 400").isEqualTo(400);

        JsonNode audit = await().atMost(PipelineClient.PATIENCE).pollInterval(Duration.ofMillis(500)).until(
                () -> JSON.readTree(send("GET", ServiceKind.SURVEY_INGEST, "/api/v1/erasures/" + erasureId, Role.ADMIN, null).body()),
                node -> node.path("complete").asBoolean());
        assertThat(audit.path("customerId").asString()).isEqualTo(customerId);
        assertThat(audit.path("requestedBy").asString()).isEqualTo("dev-admin");
        assertThat(audit.path("requestedAt").asString()).isNotBlank();
        List<String> services = new ArrayList<>();
        audit.path("receipts").forEach(receipt -> services.add(receipt.path("service").asString()));
        assertThat(services).containsExactlyInAnyOrder("survey-ingest", "scoring-service", "alerting-service", "followup-service",
                "reporting-service");
        audit.path("receipts").forEach(receipt -> assertThat(receipt.path("erased").properties())
                .as("%s erased something", receipt.path("service").asString())
                .anySatisfy(entry -> assertThat(entry.getValue().asLong()).isPositive()));

        // Every figure is what it was.
        assertThat(client.get(ServiceKind.SCORING, "/api/v1/nps?window=30d")).isEqualTo(figure);
        JsonNode after = client.get(ServiceKind.REPORTING, "/api/v1/reports/overview");
        assertThat(window(after, "30d")).isEqualTo(window(overview, "30d"));
        assertThat(after.path("openCases").asLong()).isEqualTo(overview.path("openCases").asLong());

        // The case is still there, for the agent's work and the funnel, but no longer anyone's.
        JsonNode erasedCase = client.get(ServiceKind.FOLLOWUP, casePath);
        assertThat(erasedCase.path("customerId").asString()).isEqualTo("erased-" + erasureId);
        assertThat(erasedCase.path("comment").isNull() || erasedCase.path("comment").isMissingNode()).isTrue();

        List<String> markers = List.of(customerId, name, email, phone, run + " never arrived", note);
        List<String> traces = databasesHolding(markers);
        assertThat(traces).as("documents that still hold the customer or their words").isEmpty();

        // What comes after the erasure: the response in flight reaches alerting, and a new response
        // arrives. Both are kept without the customer or their words, and both count.
        alertingBindings.changeState(ALERTING_INPUT, BindingsLifecycleController.State.STARTED);
        assertThat(client.post(ServiceKind.SURVEY_INGEST, "/api/v1/responses", response("r-after-" + run, 1)).statusCode()).isEqualTo(202);
        await().atMost(PipelineClient.PATIENCE).until(() -> alertingHas("r-inflight-" + run) && alertingHas("r-after-" + run));
        client.awaitGet(ServiceKind.REPORTING, "/api/v1/reports/overview",
                node -> n(node, "30d") == 4 && window(node, "30d").path("distribution").toString().equals("[0,1,1,1,0,0,0,0,0,0,1]"));
        assertThat(client.awaitGet(ServiceKind.SCORING, "/api/v1/nps?window=30d", node -> node.path("n").asLong() == 4)
                .path("n").asLong()).isEqualTo(4);
        await().atMost(PipelineClient.PATIENCE).until(() -> databasesHolding(List.of("r-after-" + run)).stream()
                .anyMatch(found -> found.contains(".answers: ")));
        assertThat(databasesHolding(markers)).as("documents that hold the customer or their words after the erasure").isEmpty();

        // The copies on Kafka expire: every topic the pipeline created keeps records for the configured retention only.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafkaBootstrapServers()))) {
            List<String> topics = List.of(Topics.RESPONSES, Topics.SCORED, Topics.ALERTS, Topics.FOLLOWUPS, Topics.ERASURES,
                    Topics.deadLetter(Topics.RESPONSES), Topics.deadLetter(Topics.SCORED), Topics.deadLetter(Topics.ERASURES));
            Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
            configs.forEach((topic, config) -> assertThat(config.get("retention.ms").value())
                    .as("retention of %s", topic.name()).isEqualTo(String.valueOf(Duration.ofDays(14).toMillis())));
        }

        List<String> leaked = logs.linesContaining(List.of(name, email, phone, comment, note, "parcel " + run));
        assertThat(logs.count()).as("log lines captured").isPositive();
        assertThat(leaked).as("log lines with personal data").isEmpty();
    }

    /** Whether alerting has evaluated the response: its dry-run projection keeps every scored response. */
    private boolean alertingHas(String responseId) {
        try (MongoClient mongo = MongoClients.create(pipeline.mongoUri())) {
            String database = pipeline.context(ServiceKind.ALERTING).getEnvironment().getRequiredProperty("spring.mongodb.database");
            return mongo.getDatabase(database).getCollection("scored_responses")
                    .find(Filters.eq("response.responseId", responseId)).first() != null;
        }
    }

    private String response(String responseId, int score) {
        return """
                {"responseId":"%s","customerId":"%s","score":%d,"comment":"%s","channel":"email",
                 "contact":{"name":"%s","email":"%s","phone":"%s"},"attributes":{"region":"EMEA"}}
                """.formatted(responseId, customerId, score, comment, name, email, phone);
    }

    /**
     * Every document of every service's database that contains one of the markers, as
     * "database.collection: document". The erasure records and the admin audit of survey-ingest
     * keep the customer id on purpose: they say what was erased.
     */
    private List<String> databasesHolding(List<String> markers) {
        List<String> found = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(pipeline.mongoUri())) {
            for (ServiceKind kind : ServiceKind.values()) {
                String name = pipeline.context(kind).getEnvironment().getRequiredProperty("spring.mongodb.database");
                MongoDatabase database = mongo.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    if (kind == ServiceKind.SURVEY_INGEST && (collection.equals("erasures") || collection.equals("admin_audit"))) {
                        continue;
                    }
                    for (Document document : database.getCollection(collection).find()) {
                        String json = document.toJson();
                        if (markers.stream().anyMatch(json::contains)) {
                            found.add(name + "." + collection + ": " + json);
                        }
                    }
                }
            }
        }
        return found;
    }

    private HttpResponse<String> send(String method, ServiceKind service, String path, Role role, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pipeline.url(service) + path))
                .header("Authorization", "Bearer " + PipelineClient.token("dev-" + role.name().toLowerCase(java.util.Locale.ROOT), role))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every event logged by any service of the run, with its stack trace, as the appenders would print it. */
    static final class CapturedLogs extends AppenderBase<ILoggingEvent> {

        private final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

        void attach() {
            setName("personal-data-scan");
            start();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(this);
        }

        void detach() {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }

        int count() {
            return lines.size();
        }

        List<String> linesContaining(List<String> markers) {
            synchronized (lines) {
                return lines.stream().filter(line -> markers.stream().anyMatch(line::contains)).toList();
            }
        }
    }
}
