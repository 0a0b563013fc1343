package io.npsloop.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.npsloop.infra.LocalInfrastructure;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import io.npsloop.scoring.nps.DayBucket;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.SegmentValues;
import io.npsloop.scoring.nps.TallyDelta;
import io.npsloop.statistics.NpsInterval;
import io.npsloop.statistics.NpsTally;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read API over HTTP, on tallies written through the store, with the real problem+json answers,
 * behind the real filter chain: figures are for analysts, team leads and admins, with bearer tokens
 * of the development issuer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=nps-platform,scoring-service", "nps.scoring.attribute-dimensions=region"})
class NpsApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    private static final String ANALYST = ISSUER.token("ana", List.of(Role.ANALYST), List.of());
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final Segment EMEA = new Segment("region", "EMEA");
    private static final Segment APAC = new Segment("region", "APAC");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> LocalInfrastructure.shared().kafkaBootstrapServers());
        registry.add("spring.mongodb.uri", () -> LocalInfrastructure.shared().mongoUri());
        registry.add("spring.mongodb.database", () -> "scoring_api_tests");
        // Its own topics: this test reads only what it writes to the store.
        registry.add("spring.cloud.stream.bindings.scoreResponse-in-0.destination", () -> "scoring-api-tests.responses");
    }

    @LocalServerPort
    int port;

    @Autowired
    ScoringStore store;

    @Autowired
    SegmentValues segmentValues;

    private long offset;

    @BeforeEach
    void seed() {
        if (!segmentValues.admitted("region").isEmpty()) {
            return;
        }
        segmentValues.admit("region", "EMEA", 200);
        segmentValues.admit("region", "APAC", 200);
        // EMEA: 60 promoters, 20 passives, 20 detractors today; APAC: 20 / 20 / 60 yesterday; one EMEA detractor 40 days ago.
        add(EMEA, TODAY, new TallyDelta(60, 20, 20));
        add(APAC, TODAY.minusDays(1), new TallyDelta(20, 20, 60));
        add(EMEA, TODAY.minusDays(40), new TallyDelta(0, 0, 1));
    }

    @Test
    void windowFigureOfASegmentComesWithNAndMarginOfError() throws Exception {
        JsonNode figure = get("/api/v1/nps?window=30d&dimension=region&value=EMEA");

        assertThat(figure.path("n").asLong()).isEqualTo(100);
        assertThat(figure.path("nps").asDouble()).isEqualTo(40.0);
        assertThat(figure.path("marginOfError").asDouble()).isCloseTo(NpsTally.Z_95 * 100 * Math.sqrt((0.8 - 0.16) / 100), offset(1e-9));
        NpsInterval interval = new NpsTally(60, 20, 20).interval();
        assertThat(figure.path("lower").asDouble()).isCloseTo(interval.lower(), offset(1e-9));
        assertThat(figure.path("upper").asDouble()).isCloseTo(interval.upper(), offset(1e-9));
        assertThat(figure.path("insufficient").asBoolean()).isFalse();
        assertThat(figure.path("from").asString()).isEqualTo(TODAY.minusDays(29).toString());
        assertThat(get("/api/v1/nps?window=90d").path("n").asLong()).isEqualTo(201);
    }

    @Test
    void fromToAndCalendarPeriodsAreSumsOfTheirDays() throws Exception {
        JsonNode range = get("/api/v1/nps?from=" + TODAY.minusDays(40) + "&to=" + TODAY.minusDays(1));
        JsonNode month = get("/api/v1/nps?period=month&date=" + TODAY);

        assertThat(range.path("n").asLong()).isEqualTo(101);
        assertThat(month.path("from").asString()).isEqualTo(TODAY.withDayOfMonth(1).toString());
        assertThat(month.path("n").asLong()).isEqualTo(TODAY.getDayOfMonth() == 1 ? 100 : 200);
    }

    @Test
    void trendHasAPointPerBucketWithItsOwnN() throws Exception {
        JsonNode trend = get("/api/v1/nps/trend?granularity=day&window=3d");

        assertThat(trend.size()).isEqualTo(3);
        assertThat(trend.get(0).path("n").asLong()).isZero();
        assertThat(trend.get(0).path("lower").isNull()).isTrue();
        assertThat(trend.get(0).path("insufficient").asBoolean()).isTrue();
        assertThat(trend.get(1).path("n").asLong()).isEqualTo(100);
        assertThat(trend.get(2).path("n").asLong()).isEqualTo(100);
        assertThat(trend.get(2).path("marginOfError").asDouble()).isPositive();
    }

    @Test
    void compareSaysWhetherTwoSegmentsDifferSignificantly() throws Exception {
        JsonNode comparison = get("/api/v1/nps/compare?window=7d&dimension=region&value=EMEA&otherValue=APAC&otherWindow=7d");

        assertThat(comparison.path("difference").asDouble()).isEqualTo(80.0);
        assertThat(comparison.path("pValue").asDouble()).isLessThan(1e-6);
        assertThat(comparison.path("lower").asDouble()).isPositive();
        assertThat(comparison.path("significant").asBoolean()).isTrue();
        assertThat(comparison.path("second").path("segment").asString()).isEqualTo("APAC");
    }

    @Test
    void compareDefaultsToThePreviousWindowOfTheSameSegment() throws Exception {
        JsonNode comparison = get("/api/v1/nps/compare?window=30d&dimension=region&value=EMEA");

        assertThat(comparison.path("second").path("to").asString()).isEqualTo(TODAY.minusDays(30).toString());
        assertThat(comparison.path("second").path("n").asLong()).isEqualTo(1);
        // One earlier detractor is no evidence: its figure is insufficient, so nothing is significant,
        // and its adjusted variance keeps the margin wide (the plain formula gave it none: 15.68).
        assertThat(comparison.path("difference").asDouble()).isEqualTo(140.0);
        assertThat(comparison.path("second").path("insufficient").asBoolean()).isTrue();
        assertThat(comparison.path("marginOfError").asDouble()).isGreaterThan(40.0);
        assertThat(comparison.path("significant").asBoolean()).isFalse();
    }

    @Test
    void compareWithAnEmptyPeriodAnswersNullNotADifference() throws Exception {
        JsonNode comparison = get("/api/v1/nps/compare?window=7d&dimension=region&value=APAC&otherWindow=previous");

        assertThat(comparison.path("second").path("n").asLong()).isZero();
        assertThat(comparison.path("difference").isNull()).isTrue();
        assertThat(comparison.path("pValue").isNull()).isTrue();
        assertThat(comparison.path("lower").isNull()).isTrue();
        assertThat(comparison.path("significant").asBoolean()).isFalse();
    }

    @Test
    void segmentsListsEveryValueOfADimension() throws Exception {
        JsonNode segments = get("/api/v1/nps/segments?dimension=region&window=7d");

        List<String> values = new ArrayList<>();
        segments.forEach(figure -> values.add(figure.path("segment").asString()));
        assertThat(values).containsExactly("APAC", "EMEA");
    }

    @Test
    void badParametersAreA400NamingEachOne() throws Exception {
        HttpResponse<String> response = send("/api/v1/nps/trend?window=forever&dimension=team&value=x&granularity=hour", ANALYST);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body()).path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("window", "dimension", "granularity");
    }

    @Test
    void rangeEndingBeforeItStartsIsA400() throws Exception {
        HttpResponse<String> response = send("/api/v1/nps?from=2026-03-02&to=2026-03-01", ANALYST);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"to\"");
    }

    @Test
    void withoutATokenTheFiguresAreA401ProblemWithABearerChallenge() throws Exception {
        for (String path : List.of("/api/v1/nps?window=30d", "/api/v1/nps/trend", "/api/v1/nps/compare", "/api/v1/nps/segments?dimension=region")) {
            HttpResponse<String> response = send(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain("\"n\"");
        }
        assertThat(send("/api/v1/nps?window=30d", "not-a-token").statusCode()).isEqualTo(401);
    }

    @Test
    void anAgentTokenIsA403Problem() throws Exception {
        String agent = ISSUER.token("ada", List.of(Role.AGENT), List.of("*"));
        for (String path : List.of("/api/v1/nps?window=30d", "/api/v1/nps/trend", "/api/v1/nps/compare", "/api/v1/nps/segments?dimension=region")) {
            HttpResponse<String> response = send(path, agent);

            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("title").asString()).isEqualTo("Forbidden");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ANALYST", "LEAD", "ADMIN"})
    void analystsLeadsAndAdminsReadTheFigures(Role role) throws Exception {
        HttpResponse<String> response = send("/api/v1/nps?window=30d&dimension=region&value=EMEA",
                ISSUER.token("reader", List.of(role), List.of()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("n").asLong()).isEqualTo(100);
    }

    private void add(Segment segment, LocalDate day, TallyDelta delta) {
        store.applyDeltas(Map.of(new DayBucket(segment, day), delta, new DayBucket(Segment.OVERALL, day), delta), 0, offset++);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(path, ANALYST);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
