package io.npsloop.reporting;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;

import io.npsloop.contracts.CaseOpened;
import io.npsloop.contracts.CaseStatusChanged;
import io.npsloop.contracts.Category;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The oracle test: a generated dataset (thousands of scored responses over four months and several
 * segments, with revisions, duplicates, alerts, cases, root causes, experiments and closed loops) is
 * published as the producing services would, every figure is computed here from the raw events, and
 * the API must match. A second context with its own consumer group and database then rebuilds the
 * views from the topics, and every endpoint must answer the same JSON. Every report call carries an
 * analyst's bearer token; who else may read reports is checked too. The dashboard is loaded in
 * headless Chromium against the same data, with the token in the address's fragment, and without one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingViewsIntegrationTests {

    // Decimals read as BigDecimal, so money compares exactly; doubles still read back to the same value.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final ReportingTestSupport.Topics TOPICS = ReportingTestSupport.Topics.named("it-" + RUN);
    static final String SCORED = TOPICS.scored();
    static final String METRICS = TOPICS.metrics();
    static final String ALERTS = TOPICS.alerts();
    static final String FOLLOWUPS = TOPICS.followups();
    // Reports are for analysts, leads and admins: every call to /api/v1/reports carries an analyst's token.
    static final String ANALYST = ReportingTestSupport.token(Role.ANALYST);
    static final String[] REGIONS = {"north", "south", "east", "west"};
    static final String[] CAUSES = {"billing", "product-quality", "delivery", "support", "price", "other"};
    static final String[] ARMS = {"control", "credit", "discount"};
    static final String[] COMMENTS = {"Price is too expensive", "値段が高い", "ＰＲＩＣＥ went up", "Support agent was great",
        "delivery was late", "Great product", "broken on arrival, quality issue", "", "サポートが遅い", "ok"};
    static final List<String> THEMES = List.of("price", "support", "delivery", "quality");

    final HttpClient http = HttpClient.newHttpClient();
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    final Instant now = Instant.now();

    // Ground truth, as the producing services hold it.
    final Map<String, ResponseScored> finalAnswers = new LinkedHashMap<>();
    final List<DetractorAlertRaised> alerts = new ArrayList<>();
    final Map<String, TruthCase> cases = new LinkedHashMap<>();
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();

    ConfigurableApplicationContext first;
    @Nullable ConfigurableApplicationContext rebuilt;

    static final class TruthCase {
        String caseId;
        String alertId;
        String responseId;
        String queue;
        String owner;
        Instant openedAt;
        Instant slaDueAt;
        @Nullable Instant firstContactAt;
        boolean resolved;
        String state = "OPEN";
        List<String> rootCauses = List.of();
        @Nullable Category resurvey;
        @Nullable String arm;
        @Nullable String rootCause;
        @Nullable Money cost;
        @Nullable Boolean accepted;
    }

    @BeforeAll
    void publishDatasetAndStart() throws Exception {
        generate(new Random(20261123L));
        ReportingTestSupport.publish(records);
        first = start("first");
    }

    @AfterAll
    void stop() {
        if (rebuilt != null) {
            rebuilt.close();
        }
        if (first != null) {
            first.close();
        }
    }

    ConfigurableApplicationContext start(String name) {
        return ReportingTestSupport.start(TOPICS, "reporting_" + RUN + "_" + name, "reporting-" + RUN + "-" + name);
    }

    // ------------------------------------------------------------------ dataset

    void generate(Random rnd) {
        int responses = 3000;
        int caseNo = 0;
        List<ProducerRecord<String, byte[]>> late = new ArrayList<>();
        Map<LocalDate, long[]> daily = new TreeMap<>();
        // Per day, the count per score of the final answers, and of the first revisions (before any revision moved one).
        Map<LocalDate, long[]> dailyScores = new TreeMap<>();
        Map<LocalDate, long[]> firstScores = new TreeMap<>();
        for (int i = 0; i < responses; i++) {
            String customer = "cust-" + rnd.nextInt(1800);
            String account = rnd.nextInt(10) == 0 ? null : "acc-" + customer.substring(5);
            String region = REGIONS[rnd.nextInt(REGIONS.length)];
            Instant at = today.minusDays(2 + rnd.nextInt(110)).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plusSeconds(rnd.nextInt(86_400));
            Map<String, String> attributes = Map.of("region", region, "product", rnd.nextBoolean() ? "basic" : "pro",
                    "plan", rnd.nextInt(3) == 0 ? "annual" : "monthly");
            Money value = new Money(new BigDecimal(100 + rnd.nextInt(5000) + "." + (10 + rnd.nextInt(90))),
                    rnd.nextInt(4) == 0 ? "USD" : "EUR");
            String responseId = "r-" + i;
            int score = score(rnd, region);
            String comment = COMMENTS[rnd.nextInt(COMMENTS.length)];
            ResponseScored rev1 = scored(responseId, 1, at, customer, account, score, comment, attributes, value, rnd);
            send(records, SCORED, customer, rev1.eventId(), EventTypes.RESPONSE_SCORED, rev1);
            ResponseScored last = rev1;
            if (rnd.nextInt(10) == 0) {
                // A revision replaces the first answer; a late redelivery of the first changes nothing.
                last = scored(responseId, 2, at, customer, account, score(rnd, region), COMMENTS[rnd.nextInt(COMMENTS.length)],
                        attributes, value, rnd);
                send(records, SCORED, customer, last.eventId(), EventTypes.RESPONSE_SCORED, last);
                if (rnd.nextInt(3) == 0) {
                    send(late, SCORED, customer, rev1.eventId(), EventTypes.RESPONSE_SCORED, rev1);
                }
            }
            if (rnd.nextInt(20) == 0) {
                send(records, SCORED, customer, last.eventId(), EventTypes.RESPONSE_SCORED, last);
            }
            finalAnswers.put("survey|" + responseId, last);
            long[] day = daily.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new long[3]);
            day[last.category().ordinal()]++;
            dailyScores.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new long[11])[last.score()]++;
            firstScores.computeIfAbsent(LocalDate.ofInstant(at, ZoneOffset.UTC), d -> new long[11])[rev1.score()]++;

            if (last.category() == Category.DETRACTOR && rnd.nextInt(10) < 8) {
                Instant raised = at.plusSeconds(60);
                DetractorAlertRaised alert = new DetractorAlertRaised(uuid(), EventTypes.DETRACTOR_ALERT_RAISED, 1, raised,
                        "alert-" + responseId, responseId, customer, account, null, last.score(), last.category(), last.comment(),
                        last.channel(), last.touchpoint(), attributes, value, Severity.NORMAL, "team-" + region,
                        List.of("detractor"), raised, raised.plus(1, ChronoUnit.DAYS));
                alerts.add(alert);
                send(records, ALERTS, customer, alert.eventId(), alert.eventType(), alert);
                if (rnd.nextInt(20) == 0) {
                    send(late, ALERTS, customer, alert.eventId(), alert.eventType(), alert);
                }
                if (rnd.nextInt(10) < 8) {
                    caseEvents(rnd, "case-" + (caseNo++), alert, late);
                }
            }
        }
        // Figures as scoring publishes them: the day before its revisions, then the right version with the
        // revisions' counts moved from their old scores to their new, then late a copy of the first and a
        // stale lower version. One day's right figure carries no score counts, as a day scoring counted
        // before it kept them: the 90-day window's distribution then comes from the answers, the shorter
        // windows' from the figures.
        long version = 1;
        LocalDate withoutCounts = today.minusDays(60);
        for (Map.Entry<LocalDate, long[]> e : daily.entrySet()) {
            long[] c = e.getValue();
            long[] firsts = firstScores.get(e.getKey());
            NpsMetricsUpdated before = metrics(e.getKey(), firsts[9] + firsts[10], firsts[7] + firsts[8],
                    java.util.Arrays.stream(firsts, 0, 7).sum(), 1000 + 2 * version, counts(firsts));
            NpsMetricsUpdated good = metrics(e.getKey(), c[0], c[1], c[2], 1001 + 2 * version,
                    e.getKey().equals(withoutCounts) ? null : counts(dailyScores.get(e.getKey())));
            NpsMetricsUpdated stale = metrics(e.getKey(), c[0] + 5, c[1], c[2], version++, counts(firsts));
            send(records, METRICS, before.key(), before.eventId(), before.eventType(), before);
            send(records, METRICS, good.key(), good.eventId(), good.eventType(), good);
            send(late, METRICS, before.key(), before.eventId(), before.eventType(), before);
            send(late, METRICS, stale.key(), stale.eventId(), stale.eventType(), stale);
        }
        assertThat(daily).as("the day without counts has answers").containsKey(withoutCounts);
        records.addAll(late);
    }

    static int score(Random rnd, String region) {
        int s = rnd.nextInt(11);
        if ("north".equals(region) && s < 7 && rnd.nextBoolean()) {
            return 9 + rnd.nextInt(2);
        }
        return s;
    }

    static Category category(int score) {
        return score >= 9 ? Category.PROMOTER : score >= 7 ? Category.PASSIVE : Category.DETRACTOR;
    }

    ResponseScored scored(String responseId, int revision, Instant at, String customer, @Nullable String account, int score,
            String comment, Map<String, String> attributes, Money value, Random rnd) {
        return new ResponseScored(uuid(), EventTypes.RESPONSE_SCORED, 1, at, "survey", responseId, revision, "s1", customer,
                account, null, score, category(score), null, null, null, comment.isEmpty() ? null : comment,
                rnd.nextBoolean() ? "email" : "web", rnd.nextBoolean() ? "support" : "onboarding", attributes, value);
    }

    NpsMetricsUpdated metrics(LocalDate day, long promoters, long passives, long detractors, long version,
            @Nullable List<Long> scores) {
        return new NpsMetricsUpdated(uuid(), EventTypes.NPS_METRICS_UPDATED, 1, now, "r", "overall", "all", "DAY", day, day,
                promoters + passives + detractors, promoters, passives, detractors, 0.0, 0.0, 0.0, version, scores);
    }

    static List<Long> counts(long[] scores) {
        return java.util.Arrays.stream(scores).boxed().toList();
    }

    void caseEvents(Random rnd, String caseId, DetractorAlertRaised alert, List<ProducerRecord<String, byte[]>> late) {
        TruthCase c = new TruthCase();
        c.caseId = caseId;
        c.alertId = alert.alertId();
        c.responseId = alert.responseId();
        c.queue = alert.ownerQueue();
        c.openedAt = alert.raisedAt().plusSeconds(300);
        c.slaDueAt = c.openedAt.plus(1, ChronoUnit.DAYS);
        c.owner = "agent-" + rnd.nextInt(5);
        cases.put(caseId, c);
        String customer = alert.customerId();
        List<Record> events = new ArrayList<>();
        events.add(new CaseOpened(uuid(), EventTypes.CASE_OPENED, 1, c.openedAt, caseId, c.alertId, c.responseId, customer,
                alert.accountId(), Severity.NORMAL, c.queue, 2, c.slaDueAt, alert.accountValue()));
        long seq = 0;
        Instant t = c.openedAt.plusSeconds(60);
        // The owner's claim of their own, as events before owner existed told it, or a lead's assignment.
        switch (rnd.nextInt(3)) {
            case 0 -> events.add(status(c, customer, ++seq, "OPEN", "CLAIMED", c.owner, null, t));
            case 1 -> events.add(status(c, customer, ++seq, "OPEN", "CLAIMED", c.owner, c.owner, t));
            default -> events.add(status(c, customer, ++seq, "OPEN", "CLAIMED", "lead-" + rnd.nextInt(2), c.owner, t));
        }
        if (rnd.nextInt(10) < 7) {
            Instant contact = c.openedAt.plusSeconds(600 + rnd.nextInt(150_000));
            c.firstContactAt = contact;
            events.add(new ContactAttempted(uuid(), EventTypes.CONTACT_ATTEMPTED, 1, contact, caseId, customer, c.responseId,
                    ++seq, c.queue, c.owner, "PHONE", "REACHED", null, 1, true, c.openedAt));
            events.add(status(c, customer, ++seq, "CLAIMED", "CONTACTED", c.owner, contact));
            if (rnd.nextInt(10) < 6) {
                List<String> causes = new ArrayList<>(List.of(CAUSES[rnd.nextInt(CAUSES.length)]));
                if (rnd.nextInt(4) == 0 && !causes.contains("billing")) {
                    causes.add("billing");
                }
                c.rootCauses = List.copyOf(causes);
                events.add(new RootCauseCoded(uuid(), EventTypes.ROOT_CAUSE_CODED, 1, contact.plusSeconds(60), caseId, customer,
                        c.responseId, ++seq, c.queue, c.owner, c.rootCauses, null));
                if (rnd.nextInt(10) < 7) {
                    c.arm = ARMS[rnd.nextInt(ARMS.length)];
                    c.rootCause = c.rootCauses.get(0);
                    boolean control = "control".equals(c.arm);
                    c.cost = control ? null : new Money(new BigDecimal("credit".equals(c.arm) ? "10.00" : "25.50"), "EUR");
                    c.accepted = control ? null : (rnd.nextInt(4) == 0 ? Boolean.FALSE : Boolean.TRUE);
                    events.add(new IncentiveOffered(uuid(), EventTypes.INCENTIVE_OFFERED, 1, contact.plusSeconds(120), caseId,
                            customer, c.responseId, ++seq, c.queue, c.owner, "exp-" + c.rootCause, c.arm, c.rootCause,
                            control ? null : "inc-" + c.arm, control ? null : c.arm, c.cost, c.accepted));
                }
            }
            if (rnd.nextInt(10) < 6) {
                Instant resolvedAt = contact.plusSeconds(3600);
                c.resolved = true;
                events.add(status(c, customer, ++seq, "CONTACTED", "RESOLVED", c.owner, resolvedAt));
                events.add(new ResurveyRequested(uuid(), EventTypes.RESURVEY_REQUESTED, 1, resolvedAt.plusSeconds(10), caseId,
                        customer, c.responseId, ++seq, c.queue, c.owner, null));
                if (rnd.nextInt(10) < 7) {
                    int bonus = "credit".equals(c.arm) ? 5 : 0;
                    int again = Math.min(10, rnd.nextInt(11) + (rnd.nextInt(10) < bonus ? 4 : 0));
                    c.resurvey = category(again);
                    events.add(new LoopClosed(uuid(), EventTypes.LOOP_CLOSED, 1, resolvedAt.plusSeconds(7200), caseId, customer,
                            c.responseId, ++seq, c.queue, alert.score(), alert.category(), "re-" + c.responseId, again,
                            c.resurvey, alert.category() + "->" + c.resurvey, resolvedAt.plusSeconds(7200)));
                }
                if (rnd.nextBoolean()) {
                    events.add(status(c, customer, ++seq, "RESOLVED", "CLOSED", c.owner, resolvedAt.plusSeconds(9000)));
                }
            }
        }
        for (Record e : events) {
            send(records, FOLLOWUPS, customer, UUID.randomUUID().toString(), eventType(e), e);
        }
        if (rnd.nextInt(8) == 0) {
            // A redelivered old event, after newer ones: its sequence is below the applied one, so it changes nothing.
            Record old = events.get(rnd.nextInt(events.size()));
            send(late, FOLLOWUPS, customer, UUID.randomUUID().toString(), eventType(old), old);
        }
    }

    CaseStatusChanged status(TruthCase c, String customer, long seq, String from, String to, String actor, Instant at) {
        return status(c, customer, seq, from, to, actor, actor, at);
    }

    CaseStatusChanged status(TruthCase c, String customer, long seq, String from, String to, String actor, String owner, Instant at) {
        c.state = to;
        return new CaseStatusChanged(uuid(), EventTypes.CASE_STATUS_CHANGED, 1, at, c.caseId, c.alertId, c.responseId,
                customer, c.queue, seq, from, to, actor, null, owner);
    }

    static String eventType(Record e) {
        return JSON.valueToTree(e).path("eventType").asString();
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static void send(List<ProducerRecord<String, byte[]>> out, String topic, String key, String id, String type, Record event) {
        out.add(ReportingTestSupport.record(topic, key, id, type, event));
    }

    // ------------------------------------------------------------------ oracle

    static double nps(long p, long d, long n) {
        return n == 0 ? 0.0 : 100.0 * (p - d) / n;
    }

    static double moe(long p, long d, long n) {
        if (n == 0) {
            return 0.0;
        }
        double ps = (double) p / n;
        double ds = (double) d / n;
        return Z * (100.0 * Math.sqrt((ps + ds - (ps - ds) * (ps - ds)) / n));
    }

    /** A response's value of a report dimension: an attribute, or its channel or touchpoint. */
    static @Nullable String segmentOf(ResponseScored a, String dimension) {
        return switch (dimension) {
            case "channel" -> a.channel();
            case "touchpoint" -> a.touchpoint();
            default -> a.attributes().get(dimension);
        };
    }

    /** The two-sided 95% normal quantile. */
    static final double Z = 1.959963984540054;

    /**
     * The interval a figure shows: from 10 answers the adjusted Wald interval of Rocks (2016), 0.75 /
     * 1.5 / 0.75 pseudo-answers, n + 3, clipped; below, the exact Clopper-Pearson 97.5% bounds of the
     * promoter and detractor shares combined (lower p minus upper d, upper p minus lower d).
     */
    static double[] adjustedInterval(long p, long d, long n) {
        if (n < 10) {
            double[] promoters = clopperPearson(p, n);
            double[] detractors = clopperPearson(d, n);
            return new double[] {Math.max(-100, 100 * (promoters[0] - detractors[1])), Math.min(100, 100 * (promoters[1] - detractors[0]))};
        }
        double an = n + 3.0;
        double ps = (p + 0.75) / an;
        double ds = (d + 0.75) / an;
        double centre = 100.0 * (ps - ds);
        double margin = Z * 100.0 * Math.sqrt((ps + ds - (ps - ds) * (ps - ds)) / an);
        return new double[] {Math.max(-100, centre - margin), Math.min(100, centre + margin)};
    }

    private static double[] clopperPearson(long x, long n) {
        double lower = x == 0 ? 0 : org.apache.commons.statistics.distribution.BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(0.0125);
        double upper = x == n ? 1 : org.apache.commons.statistics.distribution.BetaDistribution.of(x + 1, n - x).inverseCumulativeProbability(0.9875);
        return new double[] {lower, upper};
    }

    /** Two-sided p-value of the difference of two adjusted NPS figures, as the segment and theme views test them. */
    static double differencePValue(List<ResponseScored> first, List<ResponseScored> second) {
        double[] a = adjustedShares(first);
        double[] b = adjustedShares(second);
        double se = 100.0 * Math.sqrt(a[2] / a[3] + b[2] / b[3]);
        double z = (100.0 * (a[0] - a[1]) - 100.0 * (b[0] - b[1])) / se;
        return Math.min(1.0, 2 * org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1).survivalProbability(Math.abs(z)));
    }

    private static double[] adjustedShares(List<ResponseScored> answers) {
        double an = answers.size() + 3.0;
        double ps = (count(answers, Category.PROMOTER) + 0.75) / an;
        double ds = (count(answers, Category.DETRACTOR) + 0.75) / an;
        return new double[] {ps, ds, ps + ds - (ps - ds) * (ps - ds), an};
    }

    /** Benjamini-Hochberg, written out again for the oracle: p(i) * m / rank, made monotone from the top. */
    static double[] benjaminiHochberg(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[p.length];
        double min = 1.0;
        for (int rank = p.length; rank >= 1; rank--) {
            min = Math.min(min, p[order[rank - 1]] * p.length / rank);
            adjusted[order[rank - 1]] = min;
        }
        return adjusted;
    }

    List<ResponseScored> answersBetween(LocalDate from, LocalDate to) {
        List<ResponseScored> in = new ArrayList<>();
        for (ResponseScored r : finalAnswers.values()) {
            LocalDate d = LocalDate.ofInstant(r.occurredAt(), ZoneOffset.UTC);
            if (!d.isBefore(from) && !d.isAfter(to)) {
                in.add(r);
            }
        }
        return in;
    }

    static long count(List<ResponseScored> answers, Category c) {
        return answers.stream().filter(a -> a.category() == c).count();
    }

    @Test
    void everyFigureMatchesTheOracleComputedFromTheRawEvents() {
        awaitTheViewsCaughtUp();
    }

    /**
     * Waits until the first instance has consumed the whole dataset, which is when the oracle holds. The
     * bound is generous for a loaded build machine; each poll reads every projection whole, so polls are
     * spaced out to leave the consumers the store.
     */
    void awaitTheViewsCaughtUp() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertOracle(port(first)));
    }

    void assertOracle(int port) throws Exception {
        // Overview: rolling windows from the daily figures, their 0-10 distribution, cases not closed.
        JsonNode overview = get(port, "overview");
        for (JsonNode w : overview.path("nps")) {
            int days = Integer.parseInt(w.path("window").asString().replace("d", ""));
            List<ResponseScored> in = answersBetween(today.minusDays(days - 1L), today);
            long p = count(in, Category.PROMOTER);
            long d = count(in, Category.DETRACTOR);
            assertThat(w.path("n").asLong()).as("n of %s", days).isEqualTo(in.size());
            assertThat(w.path("promoters").asLong()).as("promoters of %s", days).isEqualTo(p);
            assertThat(w.path("nps").asDouble()).isEqualTo(nps(p, d, in.size()));
            assertThat(w.path("marginOfError").asDouble()).isCloseTo(moe(p, d, in.size()), within(1e-9));
            double[] interval = adjustedInterval(p, d, in.size());
            assertThat(w.path("lower").asDouble()).isCloseTo(interval[0], within(1e-9));
            assertThat(w.path("upper").asDouble()).isCloseTo(interval[1], within(1e-9));
            assertThat(w.path("insufficient").asBoolean()).isEqualTo(in.size() < 30);
            for (int s = 0; s <= 10; s++) {
                int score = s;
                assertThat(w.path("distribution").get(s).asLong()).as("score %s in %s", score, days).isEqualTo(in.stream().filter(a -> a.score() == score).count());
            }
        }
        assertThat(overview.path("openCases").asLong()).as("open cases").isEqualTo(cases.values().stream()
                .filter(c -> List.of("OPEN", "CLAIMED", "CONTACTED", "ESCALATED", "REOPENED").contains(c.state)).count());

        // Weekly trend over the last 120 days.
        LocalDate from = today.minusDays(119);
        JsonNode trend = get(port, "trend?granularity=week&from=" + from + "&to=" + today);
        long trendTotal = 0;
        for (JsonNode point : trend) {
            List<ResponseScored> in = answersBetween(LocalDate.parse(point.path("from").asString()), LocalDate.parse(point.path("to").asString()));
            long p = count(in, Category.PROMOTER);
            long d = count(in, Category.DETRACTOR);
            assertThat(point.path("n").asLong()).as("n of the week from %s", point.path("from").asString()).isEqualTo(in.size());
            assertThat(point.path("nps").asDouble()).isEqualTo(nps(p, d, in.size()));
            assertThat(point.path("marginOfError").asDouble()).isCloseTo(moe(p, d, in.size()), within(1e-9));
            if (in.isEmpty()) {
                assertThat(point.path("lower").isNull()).isTrue();
            } else {
                assertThat(point.path("lower").asDouble()).isCloseTo(adjustedInterval(p, d, in.size())[0], within(1e-9));
                assertThat(point.path("upper").asDouble()).isCloseTo(adjustedInterval(p, d, in.size())[1], within(1e-9));
            }
            trendTotal += in.size();
        }
        assertThat(trendTotal).as("answers in the trend").isEqualTo(finalAnswers.size());

        // Segments: each segment of every dimension against the rest of the population, the p-values
        // adjusted together (Benjamini-Hochberg) over every row of the report.
        JsonNode segments = get(port, "segments?from=" + from + "&to=" + today);
        List<ResponseScored> all = answersBetween(from, today);
        JsonNode rows = segments.path("segments");
        double[] raw = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String dimension = rows.get(i).path("dimension").asString();
            String value = rows.get(i).path("segment").asString();
            List<ResponseScored> in = all.stream().filter(a -> value.equals(segmentOf(a, dimension))).toList();
            List<ResponseScored> rest = all.stream().filter(a -> !value.equals(segmentOf(a, dimension))).toList();
            raw[i] = differencePValue(in, rest);
            assertThat(rows.get(i).path("pValue").asDouble()).as("p of %s", value).isCloseTo(raw[i], within(1e-12));
        }
        double[] adjusted = benjaminiHochberg(raw);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).path("adjustedPValue").asDouble()).isCloseTo(adjusted[i], within(1e-12));
            boolean large = rows.get(i).path("n").asLong() >= 30 && rows.get(i).path("restN").asLong() >= 30;
            assertThat(rows.get(i).path("significant").asBoolean()).as(rows.get(i).path("segment").asString())
                    .isEqualTo(large && adjusted[i] < 0.05);
        }
        for (String region : REGIONS) {
            List<ResponseScored> in = all.stream().filter(a -> region.equals(a.attributes().get("region"))).toList();
            assertThat(find(rows, "segment", region).path("n").asLong()).as("n of %s", region).isEqualTo(in.size());
        }
        assertThat(segments.path("multipleComparisons").asString()).contains("Benjamini-Hochberg");
        assertThat(find(rows, "segment", "north").path("significant").asBoolean()).isTrue();

        // Follow-up funnel, in total and per team.
        JsonNode followup = get(port, "followup?from=" + from + "&to=" + today);
        assertFunnel(followup.path("total"), new ArrayList<>(cases.values()), alerts.size());
        for (String region : REGIONS) {
            String team = "team-" + region;
            assertFunnel(find(followup.path("byTeam"), "key", team), cases.values().stream().filter(c -> c.queue.equals(team)).toList(),
                    alerts.stream().filter(a -> a.ownerQueue().equals(team)).count());
        }
        assertThat(followup.path("byOwner").size()).isEqualTo(5);

        // Root-cause Pareto.
        JsonNode causes = get(port, "root-causes?from=" + from + "&to=" + today);
        Map<String, Long> mentions = new TreeMap<>();
        cases.values().forEach(c -> c.rootCauses.forEach(rc -> mentions.merge(rc, 1L, Long::sum)));
        long total = mentions.values().stream().mapToLong(Long::longValue).sum();
        assertThat(causes.path("mentions").asLong()).as("root-cause mentions").isEqualTo(total);
        long previous = Long.MAX_VALUE;
        for (JsonNode row : causes.path("byCategory")) {
            assertThat(row.path("cases").asLong()).as(row.path("category").asString()).isEqualTo(mentions.get(row.path("category").asString()));
            assertThat(row.path("cases").asLong()).isLessThanOrEqualTo(previous);
            previous = row.path("cases").asLong();
        }
        assertThat(causes.path("byCategory").size()).isEqualTo(mentions.size());

        // Experiments: per root cause and arm, Wilson interval and cost per conversion.
        JsonNode experiments = get(port, "experiments?from=" + from + "&to=" + today);
        int arms = 0;
        for (String cause : CAUSES) {
            for (String arm : ARMS) {
                List<TruthCase> in = cases.values().stream().filter(c -> cause.equals(c.rootCause) && arm.equals(c.arm)).toList();
                if (in.isEmpty()) {
                    continue;
                }
                arms++;
                JsonNode row = null;
                for (JsonNode r : experiments.path("arms")) {
                    if (r.path("rootCause").asString().equals(cause) && r.path("arm").asString().equals(arm)) {
                        row = r;
                    }
                }
                assertThat(row).as(cause + "/" + arm).isNotNull();
                long conversions = in.stream().filter(c -> c.resurvey == Category.PASSIVE || c.resurvey == Category.PROMOTER).count();
                assertThat(row.path("cases").asLong()).as(cause + "/" + arm + " cases").isEqualTo(in.size());
                assertThat(row.path("conversions").asLong()).as(cause + "/" + arm + " conversions").isEqualTo(conversions);
                double[] wilson = wilson(conversions, in.size());
                assertThat(row.path("lower95").asDouble()).isCloseTo(wilson[0], within(1e-12));
                assertThat(row.path("upper95").asDouble()).isCloseTo(wilson[1], within(1e-12));
                BigDecimal cost = in.stream().filter(c -> c.cost != null && Boolean.TRUE.equals(c.accepted))
                        .map(c -> c.cost.amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (cost.signum() > 0 && conversions > 0) {
                    assertThat(row.path("costs").get(0).path("perConversion").decimalValue())
                            .isEqualByComparingTo(cost.divide(BigDecimal.valueOf(conversions), 2, RoundingMode.HALF_EVEN));
                }
            }
        }
        assertThat(experiments.path("arms").size()).isEqualTo(arms);

        // Revenue at risk: each account's latest answer, a detractor not won back by a closed case.
        JsonNode revenue = get(port, "revenue-at-risk?from=" + from + "&to=" + today);
        Map<String, ResponseScored> latest = new HashMap<>();
        for (ResponseScored r : all) {
            String account = r.accountId() != null ? r.accountId() : "customer:" + r.customerId();
            latest.merge(account, r, (x, y) -> x.occurredAt().compareTo(y.occurredAt()) > 0
                    || (x.occurredAt().equals(y.occurredAt()) && ("survey|" + x.responseId()).compareTo("survey|" + y.responseId()) >= 0) ? x : y);
        }
        Map<String, BigDecimal> atRisk = new TreeMap<>();
        for (ResponseScored r : latest.values()) {
            boolean recovered = cases.values().stream().anyMatch(c -> c.responseId.equals(r.responseId()) && "CLOSED".equals(c.state)
                    && (c.resurvey == Category.PASSIVE || c.resurvey == Category.PROMOTER));
            if (r.category() == Category.DETRACTOR && !recovered) {
                atRisk.merge(r.accountValue().currency(), r.accountValue().amount(), BigDecimal::add);
            }
        }
        Map<String, BigDecimal> reported = new TreeMap<>();
        revenue.path("total").forEach(row -> reported.put(row.path("currency").asString(), row.path("amount").decimalValue()));
        assertThat(reported).isEqualTo(atRisk);

        // Themes of this month: mentions and impact, CJK and full-width keywords included.
        JsonNode themes = get(port, "themes");
        YearMonth month = YearMonth.from(today);
        List<ResponseScored> monthAnswers = answersBetween(month.atDay(1), month.atEndOfMonth());
        for (String theme : THEMES) {
            List<ResponseScored> with = monthAnswers.stream().filter(a -> mentions(theme, a.comment())).toList();
            List<ResponseScored> without = monthAnswers.stream().filter(a -> !mentions(theme, a.comment())).toList();
            JsonNode row = find(themes.path("current"), "theme", theme);
            assertThat(row.path("mentions").asLong()).as(theme).isEqualTo(with.size());
            assertThat(row.path("detractorMentions").asLong()).as(theme + " among detractors").isEqualTo(count(with, Category.DETRACTOR));
            double withNps = nps(count(with, Category.PROMOTER), count(with, Category.DETRACTOR), with.size());
            double withoutNps = nps(count(without, Category.PROMOTER), count(without, Category.DETRACTOR), without.size());
            if (with.isEmpty() || without.isEmpty()) {
                assertThat(row.path("impact").isNull()).as(theme).isTrue();
            } else {
                assertThat(row.path("impact").asDouble()).as(theme).isCloseTo(withNps - withoutNps, within(1e-9));
                assertThat(row.path("pValue").asDouble()).as(theme).isCloseTo(differencePValue(with, without), within(1e-12));
            }
            assertThat(row.path("insufficient").asBoolean()).as(theme).isEqualTo(with.size() < 30);
        }
    }

    /** The oracle's own theme match: the keywords of the default lexicon, searched after NFKC and lower case. */
    static boolean mentions(String theme, @Nullable String comment) {
        if (comment == null) {
            return false;
        }
        String text = java.text.Normalizer.normalize(comment, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        List<String> words = switch (theme) {
            case "price" -> List.of("price", "expensive", "cost", "teuer", "値段", "高い");
            case "support" -> List.of("support", "helpdesk", "agent", "hotline", "サポート");
            case "delivery" -> List.of("delivery", "shipping", "late", "livraison", "配送");
            default -> List.of("quality", "broken", "bug", "qualität", "品質");
        };
        return words.stream().anyMatch(text::contains);
    }

    static double[] wilson(long x, long n) {
        double p = (double) x / n;
        double z = Z;
        double centre = (p + z * z / (2.0 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    void assertFunnel(JsonNode row, List<TruthCase> in, long alertCount) {
        assertThat(row.path("alerts").asLong()).as(row.path("key").asString() + " alerts").isEqualTo(alertCount);
        assertThat(row.path("cases").asLong()).as(row.path("key").asString() + " cases").isEqualTo(in.size());
        assertThat(row.path("contacted").asLong()).as(row.path("key").asString() + " contacted").isEqualTo(in.stream().filter(c -> c.firstContactAt != null).count());
        assertThat(row.path("resolved").asLong()).as(row.path("key").asString() + " resolved").isEqualTo(in.stream().filter(c -> c.resolved).count());
        assertThat(row.path("resurveyed").asLong()).as(row.path("key").asString() + " resurveyed").isEqualTo(in.stream().filter(c -> c.resurvey != null).count());
        assertThat(row.path("convertedToPromoter").asLong()).as(row.path("key").asString() + " convertedToPromoter").isEqualTo(in.stream().filter(c -> c.resurvey == Category.PROMOTER).count());
        assertThat(row.path("convertedToPassive").asLong()).as(row.path("key").asString() + " convertedToPassive").isEqualTo(in.stream().filter(c -> c.resurvey == Category.PASSIVE).count());
        List<Long> seconds = in.stream().filter(c -> c.firstContactAt != null)
                .map(c -> Duration.between(c.openedAt, c.firstContactAt).getSeconds()).sorted().toList();
        assertThat(row.path("medianSecondsToFirstContact").asLong()).as(row.path("key").asString() + " medianSecondsToFirstContact").isEqualTo(seconds.get((int) Math.ceil(seconds.size() * 0.5) - 1));
        assertThat(row.path("p90SecondsToFirstContact").asLong()).as(row.path("key").asString() + " p90SecondsToFirstContact").isEqualTo(seconds.get((int) Math.ceil(seconds.size() * 0.9) - 1));
        // Every SLA in the dataset is past due, so every case counts.
        assertThat(row.path("slaDue").asLong()).as(row.path("key").asString() + " slaDue").isEqualTo(in.size());
        assertThat(row.path("slaMet").asLong()).as(row.path("key").asString() + " slaMet").isEqualTo(in.stream().filter(c -> c.firstContactAt != null && !c.firstContactAt.isAfter(c.slaDueAt)).count());
    }

    static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (n.path(field).asString().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("No row with " + field + "=" + value + " in " + array);
    }

    // ------------------------------------------------------------------ rebuild, CSV, monthly, browser

    @Test
    void aRebuildFromTheTopicsGivesIdenticalViews() {
        awaitTheViewsCaughtUp();
        rebuilt = start("rebuilt");
        LocalDate from = today.minusDays(119);
        List<String> paths = new ArrayList<>(List.of("overview", "distribution?from=" + from, "segments?from=" + from,
                "followup?from=" + from, "root-causes?from=" + from, "root-causes?view=segment&from=" + from,
                "root-causes?view=month&from=" + from, "experiments?from=" + from, "revenue-at-risk?from=" + from, "themes"));
        for (String g : List.of("day", "week", "month")) {
            paths.add("trend?granularity=" + g + "&from=" + from);
        }
        for (int m = 0; m < 5; m++) {
            paths.add("monthly?month=" + YearMonth.from(today).minusMonths(m));
        }
        // A fresh group replays every topic from the start: allow it the time of a full catch-up.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String path : paths) {
                assertThat(body(port(rebuilt), path, "application/json")).as(path).isEqualTo(body(port(first), path, "application/json"));
            }
        });
    }

    @Test
    void monthlyReportIsTheSectionsOfTheMonthAsJsonAndAsACsvBundle() throws Exception {
        awaitTheViewsCaughtUp();
        YearMonth month = YearMonth.from(today).minusMonths(1);
        String range = "from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        JsonNode monthly = get(port(first), "monthly?month=" + month);
        assertThat(monthly.path("followup")).isEqualTo(get(port(first), "followup?" + range));
        assertThat(monthly.path("experiments")).isEqualTo(get(port(first), "experiments?" + range));
        assertThat(monthly.path("revenueAtRisk")).isEqualTo(get(port(first), "revenue-at-risk?" + range));
        assertThat(monthly.path("nps").path("n").asLong()).isEqualTo(answersBetween(month.atDay(1), month.atEndOfMonth()).size());

        HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(uri(port(first), "monthly?month=" + month))
                .header("Accept", "application/zip").header("Authorization", "Bearer " + ANALYST).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/zip"));
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(files).containsKeys("nps.csv", "segments.csv", "followup.csv", "root-causes.csv", "experiments.csv",
                "revenue-at-risk.csv", "themes.csv");
        assertThat(files.get("followup.csv")).startsWith("group,key,alerts,cases,contacted");

        String csv = body(port(first), "segments?" + range, "text/csv");
        assertThat(csv.lines().count()).isEqualTo(1 + monthly.path("segments").path("segments").size());
        assertThat(body(port(first), "trend?format=csv&granularity=month", "*/*")).startsWith("granularity,from,to,n,");
    }

    @Test
    void badParametersAreProblemsNamingEachField() throws Exception {
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(uri(port(first), "trend?granularity=year&from=yesterday&format=xml"))
                .header("Authorization", "Bearer " + ANALYST).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        JsonNode problem = JSON.readTree(bad.body());
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("granularity", "from", "format");
    }

    @Test
    void npsPerSegmentAndWindowIsExportedAsPrometheusGauges() {
        awaitTheViewsCaughtUp();
        List<ResponseScored> in = answersBetween(today.minusDays(89), today);
        long north = in.stream().filter(a -> "north".equals(a.attributes().get("region"))).count();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(body(port(first), "/actuator/prometheus", "text/plain"))
                .contains("nps_responses{application=\"reporting-service\",dimension=\"region\",segment=\"north\",window=\"90d\"} " + (double) north)
                .contains("nps_score{application=\"reporting-service\",dimension=\"overall\",segment=\"all\",window=\"30d\"}"));
    }

    @Test
    void dashboardDrawsEveryChartInHeadlessChromium() throws Exception {
        Path chromium = chromiumOrSkip();
        awaitTheViewsCaughtUp();
        // The token travels in the fragment, which the browser keeps to itself; the page sends it as a bearer token.
        String url = "http://localhost:" + port(first) + "/dashboard#token=" + ANALYST;
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path shot = target.resolve("dashboard.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        String dom = chromium(chromium, "--dump-dom", url);
        for (String id : List.of("trend", "segments", "funnel", "pareto", "experiments", "themes", "churn")) {
            assertThat(dom).as(id).containsPattern("id=\"" + id + "\"[^>]*data-rendered=\"true\"");
        }
        assertThat(dom).contains("<canvas").contains("region: north").contains("billing").contains("price|support|delivery|quality")
                .contains("control").contains("re-surveyed")
                .contains("PROMOTER|PASSIVE|DETRACTOR|no answer");
        assertThat(dom).as("the headline shows intervals, not plain margins").containsPattern("30d: NPS -?[0-9.]+ \\(95% -?[0-9.]+ to -?[0-9.]+, n=")
                .contains("How to read these figures");
        assertThat(dom).as("the token form stays hidden").containsPattern("<form id=\"token-form\" hidden")
                .as("the token is nowhere in the page").doesNotContain(ANALYST);
        chromium(chromium, "--screenshot=" + shot, url);
        assertThat(shot).exists();
        assertThat(Files.size(shot)).isGreaterThan(20_000);
    }

    @Test
    void withoutAReportsTokenTheDashboardAsksForOneInsteadOfDrawing() throws Exception {
        Path chromium = chromiumOrSkip();
        String page = "http://localhost:" + port(first) + "/dashboard";

        String anonymous = chromium(chromium, "--dump-dom", page);
        assertThat(anonymous).containsPattern("<form id=\"token-form\">")
                .contains("These reports need a bearer token. Paste one, or open the page as /dashboard#token=")
                .containsPattern("<main id=\"charts\" hidden").doesNotContain("data-rendered");

        // An agent's token is sent, and refused for its role (403, not 401): the form says what is missing.
        String agent = ReportingTestSupport.token(Role.AGENT);
        String refused = chromium(chromium, "--dump-dom", page + "#token=" + agent);
        assertThat(refused).containsPattern("<form id=\"token-form\">").contains("it needs the role analyst, lead or admin")
                .doesNotContain("data-rendered").doesNotContain(agent);
    }

    @Test
    void reportsAreForAnalystsLeadsAndAdminsWhileTheDashboardPageIsPublic() throws Exception {
        int port = port(first);
        for (String path : List.of("overview", "segments?format=csv", "monthly?month=" + YearMonth.from(today) + "&format=zip")) {
            HttpResponse<String> anonymous = ask(port, path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            HttpResponse<String> agent = ask(port, path, ReportingTestSupport.token(Role.AGENT));
            assertThat(agent.statusCode()).as(path + " as an agent").isEqualTo(403);
            assertThat(agent.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            for (Role role : List.of(Role.ANALYST, Role.LEAD, Role.ADMIN)) {
                assertThat(ask(port, path, ReportingTestSupport.token(role)).statusCode()).as(path + " as " + role).isEqualTo(200);
            }
        }
        for (String asset : List.of("/dashboard", "/dashboard.js", "/webjars/echarts/5.3.1/dist/echarts.min.js")) {
            assertThat(ask(port, asset, null).statusCode()).as(asset).isEqualTo(200);
        }
    }

    HttpResponse<String> ask(int port, String path, @Nullable String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Path chromiumOrSkip() {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed at /usr/bin/chromium: browser test skipped");
        return chromium;
    }

    static String chromium(Path chromium, String mode, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        try {
            Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1440,900", "--virtual-time-budget=20000", "--hide-scrollbars",
                    mode, url).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    // ------------------------------------------------------------------ HTTP

    static int port(ConfigurableApplicationContext context) {
        return ReportingTestSupport.port(context);
    }

    static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + (path.startsWith("/") ? path : "/api/v1/reports/" + path));
    }

    JsonNode get(int port, String path) throws Exception {
        return JSON.readTree(body(port, path, "application/json"));
    }

    /** A report path (relative) is asked with the analyst's token; an absolute path such as the Prometheus scrape without one. */
    String body(int port, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path)).header("Accept", accept);
        if (!path.startsWith("/")) {
            request.header("Authorization", "Bearer " + ANALYST);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }
}
