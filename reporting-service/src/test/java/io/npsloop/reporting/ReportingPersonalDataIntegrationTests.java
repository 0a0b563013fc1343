package io.npsloop.reporting;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.mongodb.client.MongoDatabase;
import io.npsloop.contracts.AdvocacyTaskCreated;
import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
import io.npsloop.contracts.Contact;
import io.npsloop.contracts.ContactAttempted;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.EventTypes;
import io.npsloop.contracts.IncentiveOffered;
import io.npsloop.contracts.LoopClosed;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.NpsMetricsUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.contracts.ResurveyRequested;
import io.npsloop.contracts.RootCauseCoded;
import io.npsloop.contracts.Severity;
import io.npsloop.platform.security.Role;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Analysts see figures, never who the customers are. Responses, alerts and case events carry a name,
 * an email address and a phone number (in the contact and, as a careless source would send them, in
 * the attributes), customer and account ids and comments, each holding a marker no other data has.
 * They go through the real topics; once every view counts them, no answer of the reports API (every
 * view as JSON and CSV, the monthly report as JSON and zip), no Prometheus gauge and no document of
 * the service's database holds a contact detail, and no answer holds an id or a comment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingPersonalDataIntegrationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ReportingTestSupport.Topics TOPICS = ReportingTestSupport.Topics.named("pd-" + RUN);

    static final String SURNAME = "Quaxley" + RUN;
    static final String NAME = "Ines " + SURNAME;
    static final String EMAIL = "ines." + RUN + "@example.org";
    static final String PHONE = String.format(Locale.ROOT, "+49301%09d", new Random().nextInt(1_000_000_000));
    static final String CUSTOMER = "cust-pd" + RUN;
    static final String ACCOUNT = "acct-pd" + RUN;
    static final String COMMENT = "cmt" + RUN;
    static final String NOTE = "note" + RUN;
    static final Contact CONTACT = new Contact(NAME, EMAIL, PHONE);

    /** Contact details: in no answer and nowhere in the store. */
    static final List<String> CONTACT_DATA = List.of(NAME, SURNAME, EMAIL, PHONE, PHONE.substring(1));
    /** Everything that points at a customer or repeats their words: in no answer. */
    static final List<String> PERSONAL = concat(CONTACT_DATA, List.of(CUSTOMER, ACCOUNT, COMMENT, NOTE));

    final HttpClient http = HttpClient.newHttpClient();
    final String analyst = ReportingTestSupport.token(Role.ANALYST);
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    final Instant start = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    @Nullable ConfigurableApplicationContext service;

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    @BeforeAll
    void publishAndStart() {
        // A detractor won back (alert, case, incentive, loop closed), a detractor nobody called (at risk),
        // and a promoter routed to advocacy. Comments mention the price theme, so themes read them.
        ResponseScored wonBack = answer(1, CUSTOMER + "-1", ACCOUNT + "-1", 2, "north", "The price is too expensive " + COMMENT,
                new Money(new BigDecimal("1200.00"), "EUR"));
        ResponseScored atRisk = answer(2, CUSTOMER + "-2", null, 4, "south", "price went up again, " + COMMENT,
                new Money(new BigDecimal("300.00"), "EUR"));
        ResponseScored promoter = answer(3, CUSTOMER + "-3", ACCOUNT + "-3", 10, "north", "support was great " + COMMENT,
                new Money(new BigDecimal("50.00"), "USD"));
        for (ResponseScored r : List.of(wonBack, atRisk, promoter)) {
            send(TOPICS.scored(), r.customerId(), r.eventId(), EventTypes.RESPONSE_SCORED, r);
        }
        NpsMetricsUpdated day = new NpsMetricsUpdated(uuid(), EventTypes.NPS_METRICS_UPDATED, 1, start, "pd-3", "overall", "all",
                "DAY", today, today, 3, 1, 0, 2, -33.3, 0.0, 0.0, 1);
        send(TOPICS.metrics(), day.key(), day.eventId(), day.eventType(), day);

        DetractorAlertRaised first = alert("alert-pd-1", wonBack);
        DetractorAlertRaised second = alert("alert-pd-2", atRisk);
        send(TOPICS.alerts(), first.customerId(), first.eventId(), first.eventType(), first);
        send(TOPICS.alerts(), second.customerId(), second.eventId(), second.eventType(), second);

        String caseId = "case-pd-1";
        String customer = wonBack.customerId();
        String queue = first.ownerQueue();
        Instant opened = start.plusSeconds(120);
        List<Record> events = List.of(
                new CaseOpened(uuid(), EventTypes.CASE_OPENED, 1, opened, caseId, first.alertId(), wonBack.responseId(), customer,
                        wonBack.accountId(), Severity.NORMAL, queue, 2, opened.plus(1, ChronoUnit.DAYS), wonBack.accountValue()),
                status(caseId, first, 1, "OPEN", "CLAIMED", opened.plusSeconds(60), null),
                new ContactAttempted(uuid(), EventTypes.CONTACT_ATTEMPTED, 1, opened.plusSeconds(600), caseId, customer,
                        wonBack.responseId(), 2, queue, "agent-7", "PHONE", "REACHED", null, 1, true, opened),
                status(caseId, first, 3, "CLAIMED", "CONTACTED", opened.plusSeconds(600), null),
                new RootCauseCoded(uuid(), EventTypes.ROOT_CAUSE_CODED, 1, opened.plusSeconds(660), caseId, customer,
                        wonBack.responseId(), 4, queue, "agent-7", List.of("other"), "customer " + NAME + " says " + NOTE),
                new IncentiveOffered(uuid(), EventTypes.INCENTIVE_OFFERED, 1, opened.plusSeconds(720), caseId, customer,
                        wonBack.responseId(), 5, queue, "agent-7", "exp-other", "credit", "other", "inc-credit", "credit",
                        new Money(new BigDecimal("10.00"), "EUR"), true),
                status(caseId, first, 6, "CONTACTED", "RESOLVED", opened.plusSeconds(3600), "called " + PHONE + ", " + NOTE),
                new ResurveyRequested(uuid(), EventTypes.RESURVEY_REQUESTED, 1, opened.plusSeconds(3610), caseId, customer,
                        wonBack.responseId(), 7, queue, "agent-7", CONTACT),
                new LoopClosed(uuid(), EventTypes.LOOP_CLOSED, 1, opened.plusSeconds(7200), caseId, customer, wonBack.responseId(), 8,
                        queue, 2, Category.DETRACTOR, "pd-re-1", 9, Category.PROMOTER, "DETRACTOR->PROMOTER", opened.plusSeconds(7200)),
                status(caseId, first, 9, "RESOLVED", "CLOSED", opened.plusSeconds(7300), null),
                new AdvocacyTaskCreated(uuid(), EventTypes.ADVOCACY_TASK_CREATED, 1, start.plusSeconds(200), "advocacy-pd-3",
                        promoter.customerId(), promoter.responseId(), 1, "advocacy", "REVIEW", 10, promoter.accountId(),
                        start.plus(2, ChronoUnit.DAYS)));
        for (Record e : events) {
            send(TOPICS.followups(), customer, uuid(), JSON.valueToTree(e).path("eventType").asString(), e);
        }
        ReportingTestSupport.publish(records);
        service = ReportingTestSupport.start(TOPICS, "reporting_pd_" + RUN, "reporting-pd-" + RUN);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    ResponseScored answer(int n, String customer, @Nullable String account, int score, String region, String comment, Money value) {
        // A source that puts contact details among the attributes, next to the segment dimensions.
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("region", region);
        attributes.put("product", "pro");
        attributes.put("plan", "annual");
        attributes.put("email", EMAIL);
        attributes.put("phone", PHONE);
        attributes.put("name", NAME);
        Category category = score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
        return new ResponseScored(uuid(), EventTypes.RESPONSE_SCORED, 1, start.plusSeconds(n), "survey", "pd-" + n, 1, "s1",
                customer, account, CONTACT, score, category, null, null, null, comment, "email", "support", attributes, value);
    }

    DetractorAlertRaised alert(String alertId, ResponseScored r) {
        Instant raised = r.occurredAt().plusSeconds(60);
        return new DetractorAlertRaised(uuid(), EventTypes.DETRACTOR_ALERT_RAISED, 1, raised, alertId, r.responseId(), r.customerId(),
                r.accountId(), CONTACT, r.score(), r.category(), r.comment(), r.channel(), r.touchpoint(), r.attributes(),
                r.accountValue(), Severity.NORMAL, "team-" + r.attributes().get("region"), List.of("detractor"), raised,
                raised.plus(1, ChronoUnit.DAYS));
    }

    static CaseStatusChanged status(String caseId, DetractorAlertRaised alert, long sequence, String from, String to, Instant at,
            @Nullable String reason) {
        return new CaseStatusChanged(uuid(), EventTypes.CASE_STATUS_CHANGED, 1, at, caseId, alert.alertId(), alert.responseId(),
                alert.customerId(), alert.ownerQueue(), sequence, from, to, "agent-7", reason, null);
    }

    void send(String topic, String key, String id, String type, Record event) {
        records.add(ReportingTestSupport.record(topic, key, id, type, event));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void noReportNoGaugeAndNoStoredDocumentNamesOrQuotesACustomer() throws Exception {
        int port = ReportingTestSupport.port(service);
        // First every view must count the marked events, or their absence from the answers would prove nothing.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(json(port, "overview").path("nps").get(0).path("n").asLong()).isEqualTo(3);
            assertThat(json(port, "distribution").path("n").asLong()).isEqualTo(3);
            JsonNode funnel = json(port, "followup").path("total");
            assertThat(funnel.path("alerts").asLong()).isEqualTo(2);
            assertThat(funnel.path("cases").asLong()).isEqualTo(1);
            assertThat(funnel.path("convertedToPromoter").asLong()).isEqualTo(1);
            assertThat(json(port, "root-causes").path("mentions").asLong()).isEqualTo(1);
            assertThat(json(port, "experiments").path("arms").get(0).path("conversions").asLong()).isEqualTo(1);
            JsonNode risk = json(port, "revenue-at-risk").path("total");
            assertThat(risk.size()).isEqualTo(1);
            assertThat(risk.get(0).path("amount").decimalValue()).isEqualByComparingTo("300.00");
            JsonNode themes = json(port, "themes").path("current");
            assertThat(find(themes, "price").path("mentions").asLong()).isEqualTo(2);
            assertThat(find(themes, "support").path("mentions").asLong()).isEqualTo(1);
            assertThat(ask(port, "/actuator/prometheus", null, "text/plain").body())
                    .contains("nps_responses{application=\"reporting-service\",dimension=\"overall\",segment=\"all\",window=\"7d\"} 3.0");
        });

        YearMonth month = YearMonth.from(today);
        String range = "from=" + today + "&to=" + today;
        List<String> views = List.of("overview", "distribution", "distribution?" + range, "segments", "segments?" + range,
                "followup", "followup?" + range, "root-causes", "root-causes?view=segment", "root-causes?view=month",
                "experiments", "revenue-at-risk", "revenue-at-risk?" + range, "themes", "themes?month=" + month,
                "trend?granularity=day", "trend?granularity=week", "trend?granularity=month&" + range,
                "trend?granularity=day&dimension=region&segment=north", "churn", "churn?view=score", "churn?view=theme",
                "churn?view=revenue");
        Map<String, String> answers = new LinkedHashMap<>();
        for (String view : views) {
            String separator = view.contains("?") ? "&" : "?";
            answers.put(view, body(ask(port, view, analyst, "application/json")));
            answers.put(view + " (Accept: text/csv)", body(ask(port, view, analyst, "text/csv")));
            answers.put(view + separator + "format=csv", body(ask(port, view + separator + "format=csv", analyst, "*/*")));
        }
        answers.put("monthly", body(ask(port, "monthly?month=" + month, analyst, "application/json")));
        for (String zip : List.of("monthly?month=" + month + "&format=zip", "monthly?month=" + month + "&format=csv")) {
            HttpResponse<byte[]> response = http.send(request(port, zip, analyst, "*/*").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(zip).isEqualTo(200);
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    answers.put(zip + " " + e.getName(), e.getName() + "\n" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        answers.put("/actuator/prometheus", body(ask(port, "/actuator/prometheus", null, "text/plain")));

        // The answers are about these customers: the segment of their region is there, their identity is not.
        assertThat(answers.get("segments")).contains("north");
        assertThat(answers).hasSizeGreaterThan(60);
        answers.forEach((what, body) -> {
            String text = body.toLowerCase(Locale.ROOT);
            for (String personal : PERSONAL) {
                assertThat(text).as("%s holds %s", what, personal).doesNotContain(personal.toLowerCase(Locale.ROOT));
            }
        });

        // The projections keep only the configured dimensions of the attributes and no contact at all.
        MongoDatabase database = service.getBean(MongoDatabase.class);
        long documents = 0;
        for (String collection : database.listCollectionNames()) {
            for (Document d : database.getCollection(collection).find()) {
                documents++;
                String stored = d.toJson().toLowerCase(Locale.ROOT);
                for (String contact : CONTACT_DATA) {
                    assertThat(stored).as("%s document %s", collection, d.get("_id")).doesNotContain(contact.toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(documents).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aTrendIsOnlyByAConfiguredDimensionSoNoAttributeSinglesOutACustomer() throws Exception {
        int port = ReportingTestSupport.port(service);
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(json(port, "distribution").path("n").asLong()).isEqualTo(3));

        long north = 0;
        for (JsonNode point : json(port, "trend?granularity=month&dimension=region&segment=north")) {
            north += point.path("n").asLong();
        }
        assertThat(north).isEqualTo(2);

        for (String attribute : List.of("email", "name")) {
            String value = "email".equals(attribute) ? EMAIL : NAME;
            HttpResponse<String> refused = ask(port, "trend?dimension=" + attribute + "&segment="
                    + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8), analyst, "application/json");
            assertThat(refused.statusCode()).as(attribute).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            JsonNode problem = JSON.readTree(refused.body());
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("dimension");
            assertThat(refused.body()).doesNotContain(value).contains("region");
        }
    }

    static JsonNode find(JsonNode rows, String theme) {
        for (JsonNode row : rows) {
            if (theme.equals(row.path("theme").asString())) {
                return row;
            }
        }
        throw new AssertionError("No theme " + theme + " in " + rows);
    }

    JsonNode json(int port, String path) throws Exception {
        return JSON.readTree(body(ask(port, path, analyst, "application/json")));
    }

    static String body(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    HttpResponse<String> ask(int port, String path, @Nullable String token, String accept) throws Exception {
        return http.send(request(port, path, token, accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(int port, String path, @Nullable String token, String accept) {
        URI uri = URI.create("http://localhost:" + port + (path.startsWith("/") ? path : "/api/v1/reports/" + path));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", accept);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }
}
