package io.npsloop.platform.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.npsloop.infra.LocalMongoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared filter chain in a real server: who gets in, what is refused and how (401 with a
 * Bearer challenge, 403, both as problems), which token flaws are caught, deny by default, and the
 * audit of admin changes in the real store.
 */
class SecurityIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path keys;

    private static LocalMongoServer mongo;
    private static ConfigurableApplicationContext context;
    private static DevIssuer issuer;
    private static String base;

    @BeforeAll
    static void start() {
        mongo = LocalMongoServer.inMemory(0);
        issuer = DevIssuer.at(keys);
        SpringApplication application = new SpringApplication(TestApplication.class);
        context = application.run("--server.port=0", "--spring.main.banner-mode=off", "--spring.config.name=nps-platform",
                "--spring.application.name=security-test",
                "--spring.mongodb.uri=" + mongo.connectionString(), "--spring.mongodb.database=security_it",
                "--spring.cloud.stream.function.autodetect=false",
                "--nps.security.jwt.dev-issuer=" + keys);
        base = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        mongo.close();
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallenge() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/figures", null, null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void aRoleTheRuleNamesGetsInAndAnyOtherIsA403Problem() throws Exception {
        assertThat(send("GET", "/api/v1/figures", token(Role.ANALYST), null).statusCode()).isEqualTo(200);
        HttpResponse<String> agent = send("GET", "/api/v1/figures", token(Role.AGENT), null);
        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(agent.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(agent.body()).path("title").asString()).isEqualTo("Forbidden");
    }

    @Test
    void theNameComesFromTheTokenAndRolesAreReadCaseInsensitively() throws Exception {
        String token = issuer.token("mira", List.of("Team-Lead"), List.of("billing"), DevIssuer.ISSUER, DevIssuer.AUDIENCE,
                Instant.now(), Duration.ofMinutes(5));
        HttpResponse<String> response = send("GET", "/api/v1/whoami", token, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("mira [ROLE_LEAD]");
    }

    @Test
    void anEndpointNoRuleNamesIsDeniedEvenToAnAdmin() throws Exception {
        assertThat(send("GET", "/api/v1/unlisted", token(Role.ADMIN), null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/api/v1/unlisted", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredWrongIssuerWrongAudienceForgedAndUnsignedTokensAreRefused() throws Exception {
        Instant now = Instant.now();
        List<String> analyst = List.of("analyst");
        String expired = issuer.token("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE,
                now.minus(Duration.ofHours(2)), Duration.ofHours(1));
        String otherIssuer = issuer.token("a", analyst, List.of(), "https://elsewhere.invalid", DevIssuer.AUDIENCE, now, Duration.ofHours(1));
        String otherAudience = issuer.token("a", analyst, List.of(), DevIssuer.ISSUER, "another-api", now, Duration.ofHours(1));
        String forged = DevIssuer.at(keys.resolve("other")).token("a", Set.of(Role.ANALYST), List.of());
        String valid = token(Role.ANALYST);
        String[] parts = valid.split("\\.");
        String unsigned = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";
        String hmac = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
        for (String refused : List.of(expired, otherIssuer, otherAudience, forged, unsigned, hmac, "not-a-jwt")) {
            HttpResponse<String> response = send("GET", "/api/v1/figures", refused, null);
            assertThat(response.statusCode()).as(refused).isEqualTo(401);
            assertThat(response.body()).doesNotContain(refused);
        }
    }

    @Test
    void aTokenWithoutExpiryOrValidForLongerThanTheMaximumLifetimeIsRefused() throws Exception {
        Instant now = Instant.now();
        List<String> analyst = List.of("analyst");
        Map<String, Object> noExpiry = issuer.claims("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE, now, Duration.ofHours(1));
        noExpiry.remove("exp");
        String tooLong = issuer.token("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE, now, Duration.ofHours(24).plusMinutes(1));
        Map<String, Object> tooLongWithoutIssuedAt = issuer.claims("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE, now,
                Duration.ofDays(365));
        tooLongWithoutIssuedAt.remove("iat");
        Map<String, Object> longAgoIssuedForever = issuer.claims("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE,
                now.minus(Duration.ofDays(3650)), Duration.ofDays(3651));

        Map<String, String> refusals = Map.of("no exp", issuer.sign(noExpiry), "24h01m", tooLong, "a year, no iat",
                issuer.sign(tooLongWithoutIssuedAt), "issued ten years ago for ten years", issuer.sign(longAgoIssuedForever));
        for (Map.Entry<String, String> refused : refusals.entrySet()) {
            HttpResponse<String> response = send("GET", "/api/v1/figures", refused.getValue(), null);
            assertThat(response.statusCode()).as(refused.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(JSON.readTree(send("GET", "/api/v1/figures", issuer.sign(noExpiry), null).body()).path("detail").asString())
                .contains("exp");

        Map<String, Object> withinWithoutIssuedAt = issuer.claims("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE, now,
                Duration.ofHours(23));
        withinWithoutIssuedAt.remove("iat");
        String justWithin = issuer.token("a", analyst, List.of(), DevIssuer.ISSUER, DevIssuer.AUDIENCE, now, Duration.ofHours(24));
        for (String accepted : List.of(justWithin, issuer.sign(withinWithoutIssuedAt))) {
            assertThat(send("GET", "/api/v1/figures", accepted, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void operationalEndpointsAreOpenAndTheRestOfActuatorIsForAdmins() throws Exception {
        assertThat(send("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/actuator/metrics", token(Role.ANALYST), null).statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/metrics", token(Role.ADMIN), null).statusCode()).isEqualTo(200);
    }

    @Test
    void everySuccessfulAdminChangeIsAuditedAndNothingElseIs() throws Exception {
        String body = "{\"threshold\":6}";
        assertThat(send("POST", "/api/v1/settings", token(Role.ADMIN), body).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/settings", token(Role.ADMIN), "{\"threshold\":-1}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/settings", token(Role.ANALYST), body).statusCode()).isEqualTo(403);

        HttpResponse<String> audit = send("GET", AdminAuditController.PATH, token(Role.ADMIN), null);
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode entries = JSON.readTree(audit.body());
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("actor").asString()).isEqualTo("admin-user");
        assertThat(entry.path("service").asString()).isEqualTo("security-test");
        assertThat(entry.path("method").asString()).isEqualTo("POST");
        assertThat(entry.path("path").asString()).isEqualTo("/api/v1/settings");
        assertThat(entry.path("status").asInt()).isEqualTo(200);
        assertThat(entry.path("body").asString()).isEqualTo(body);
        assertThat(Instant.parse(entry.path("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(send("GET", AdminAuditController.PATH, token(Role.ANALYST), null).statusCode()).isEqualTo(403);
    }

    private static String token(Role role) {
        return issuer.token(role.name().toLowerCase(java.util.Locale.ROOT) + "-user", Set.of(role), List.of());
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    static class TestApplication {

        @Bean
        AccessRules testRules() {
            return endpoints -> endpoints
                    .requestMatchers(HttpMethod.GET, "/api/v1/figures").hasRole(Role.ANALYST.name())
                    .requestMatchers(HttpMethod.GET, "/api/v1/whoami").authenticated()
                    .requestMatchers(HttpMethod.POST, "/api/v1/settings").hasRole(Role.ADMIN.name());
        }

        @Bean
        TestController testController() {
            return new TestController();
        }
    }

    @RestController
    static class TestController {

        @GetMapping("/api/v1/figures")
        Map<String, Integer> figures() {
            return Map.of("nps", 42);
        }

        @GetMapping("/api/v1/unlisted")
        String unlisted() {
            return "should never be reached";
        }

        @GetMapping("/api/v1/whoami")
        String whoami(org.springframework.security.core.Authentication who) {
            return who.getName() + " " + who.getAuthorities();
        }

        @PostMapping("/api/v1/settings")
        org.springframework.http.ResponseEntity<String> settings(@RequestBody Map<String, Integer> settings) {
            return settings.get("threshold") < 0
                    ? org.springframework.http.ResponseEntity.badRequest().build()
                    : org.springframework.http.ResponseEntity.ok("saved");
        }
    }
}
