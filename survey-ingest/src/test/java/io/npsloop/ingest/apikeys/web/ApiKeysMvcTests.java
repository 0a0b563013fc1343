package io.npsloop.ingest.apikeys.web;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import com.mongodb.MongoTimeoutException;
import io.npsloop.ingest.IngestProperties;
import io.npsloop.ingest.apikeys.ApiKey;
import io.npsloop.ingest.apikeys.ApiKeyAdministration;
import io.npsloop.ingest.apikeys.ApiKeySecrets;
import io.npsloop.ingest.apikeys.ApiKeys;
import io.npsloop.ingest.apikeys.InMemoryApiKeyStore;
import io.npsloop.ingest.apikeys.KeyUsage;
import io.npsloop.ingest.apikeys.RateLimit;
import io.npsloop.ingest.web.ProblemResponses;
import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import io.npsloop.platform.security.SecurityConfiguration;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import io.npsloop.testing.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin API of keys behind the service's real filter chain (the shared bearer-token chain with
 * {@code IngestAccessRules}, and {@link ApiKeyFilter} in front of a stand-in for the responses
 * endpoint that echoes the authenticated source), with the store in memory: every answer, error
 * answers included, and a created or revoked key's effect on the responses API.
 */
@WebMvcTest(controllers = ApiKeysController.class, properties = "spring.config.name=nps-platform,survey-ingest")
@ImportAutoConfiguration({SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, SecurityConfiguration.class})
@Import({ProblemDetailsAdvice.class, ProblemResponses.class, ApiKeysMvcTests.Beans.class, ApiKeysMvcTests.SourceEcho.class})
class ApiKeysMvcTests {

    private static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    private static final String ADMIN = "Bearer " + ISSUER.token("ada", List.of(Role.ADMIN), List.of());
    private static final String OTHER_ADMIN = "Bearer " + ISSUER.token("grace", List.of(Role.ADMIN), List.of());
    private static final String CONFIGURED_KEY = "configured-secret";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATH = "/api/v1/admin/api-keys";
    private static final String VALID = """
            {"name":"crm-2026-03","source":"crm","scopes":["responses:write","responses:import"],
             "rateLimit":{"permits":50,"period":"PT1S"}}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    InMemoryApiKeyStore store;

    @Autowired
    ApiKeyAdministration administration;

    /** The key set, its store in memory and the service's access rules (found by type: the class is the service's own). */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(IngestProperties.class)
    @ComponentScan(basePackages = "io.npsloop.ingest.web", useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = AccessRules.class))
    static class Beans {

        @Bean
        MutableClock clock() {
            return new MutableClock(T0);
        }

        @Bean
        ApiKeys apiKeys() {
            return new ApiKeys(List.of(ApiKey.ofHexHash("configured", "configured", ApiKeys.sha256Hex(CONFIGURED_KEY), ApiKey.SCOPES)));
        }

        @Bean
        KeyUsage keyUsage(MutableClock clock) {
            return new KeyUsage(clock);
        }

        @Bean
        InMemoryApiKeyStore apiKeyStore() {
            return new InMemoryApiKeyStore();
        }

        @Bean
        ApiKeyAdministration apiKeyAdministration(ApiKeys keys, InMemoryApiKeyStore store, KeyUsage usage, MutableClock clock,
                IngestProperties properties) {
            return new ApiKeyAdministration(keys, store, usage, new ApiKeySecrets(new SecureRandom()),
                    new RateLimit(properties.rateLimit().permits(), properties.rateLimit().period()), clock);
        }
    }

    /** Stands in for the responses API: answers with the source the key filter authenticated. */
    @RestController
    static class SourceEcho {

        @PostMapping("/api/v1/responses")
        String source(HttpServletRequest request) {
            return AuthenticatedSource.of(request);
        }
    }

    @BeforeEach
    void emptyStore() {
        store.heal();
        administration.refresh();
        store.clear();
        administration.refresh();
    }

    @Test
    void aCreatedKeyIsShownOnceAndAuthenticatesAtOnce() throws Exception {
        String answer = mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, PATH + "/crm-2026-03"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.name").value("crm-2026-03"))
                .andExpect(jsonPath("$.source").value("crm"))
                .andExpect(jsonPath("$.scopes", containsInAnyOrder("responses:write", "responses:import")))
                .andExpect(jsonPath("$.rateLimit.permits").value(50))
                .andExpect(jsonPath("$.rateLimit.period").value("PT1S"))
                .andExpect(jsonPath("$.origin").value("managed"))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.createdAt").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$.createdBy").value("ada"))
                .andExpect(jsonPath("$.key", startsWith("nps_")))
                .andReturn().getResponse().getContentAsString();
        String key = JSON.readTree(answer).path("key").asString();

        mvc.perform(post("/api/v1/responses").header("X-API-Key", key))
                .andExpect(status().isOk())
                .andExpect(content().string("crm"));

        String hash = ApiKeys.sha256Hex(key);
        for (MockHttpServletRequestBuilder read : List.of(get(PATH), get(PATH + "/crm-2026-03"))) {
            mvc.perform(read.header(HttpHeaders.AUTHORIZATION, OTHER_ADMIN))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$..key").isEmpty())
                    .andExpect(content().string(not(containsString(key))))
                    .andExpect(content().string(not(containsString(hash))));
        }
    }

    @Test
    void theListHoldsConfiguredAndManagedKeysWithTheirOriginAndLastUse() throws Exception {
        String key = create("{\"name\":\"shop\",\"source\":\"webshop\",\"scopes\":[\"responses:import\"]}");
        mvc.perform(post("/api/v1/responses").header("X-API-Key", CONFIGURED_KEY)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/responses").header("X-API-Key", key)).andExpect(status().isForbidden());

        mvc.perform(get(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", contains("configured", "shop")))
                .andExpect(jsonPath("$[0].origin").value("configuration"))
                .andExpect(jsonPath("$[0].createdAt").isEmpty())
                .andExpect(jsonPath("$[0].rateLimit.permits").isNumber())
                .andExpect(jsonPath("$[0].lastUsedAt").value("2026-03-01T10:00:00Z"))
                .andExpect(jsonPath("$[1].origin").value("managed"))
                .andExpect(jsonPath("$[1].scopes", contains("responses:import")))
                .andExpect(jsonPath("$[1].lastUsedAt").value("2026-03-01T10:00:00Z"));
    }

    @Test
    void everyBrokenRuleIsNamedInOneProblem() throws Exception {
        expectInvalid("""
                {"name":"CRM Prod","source":"","scopes":["responses:write","responses:delete"],
                 "rateLimit":{"permits":0,"period":"one second"}}""",
                "name", "source", "scopes[1]", "rateLimit.permits", "rateLimit.period");
    }

    @Test
    void unknownFieldsAndValuesOfTheWrongTypeAreNamedNextToTheBrokenRules() throws Exception {
        expectInvalid("""
                {"name":42,"source":"crm","scopes":["responses:write",7],"secret":"mine",
                 "rateLimit":{"permits":1.5,"period":"PT1S","burst":3}}""",
                "name", "scopes[1]", "secret", "rateLimit.permits", "rateLimit.burst");
        expectInvalid("{\"name\":\"crm\",\"source\":\"crm\",\"scopes\":\"responses:write\",\"rateLimit\":50}", "scopes", "rateLimit");
        expectInvalid("{}", "name", "source", "scopes");
        expectInvalid("[]", "(body)");
        expectInvalid("{\"name\":\"crm\",\"source\":\"crm\",\"scopes\":[\"responses:write\"],\"rateLimit\":{\"permits\":5,\"period\":\"P2D\"}}",
                "rateLimit.period");
        mvc.perform(get(PATH + "/crm").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isNotFound());
    }

    @Test
    void aBodyThatIsNotJsonIsAProblem() throws Exception {
        mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The body is missing or is not well-formed JSON"));
        mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.TEXT_PLAIN).content("crm"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aNameOfAConfiguredOrManagedKeyIsAConflict() throws Exception {
        create(VALID);

        mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("crm-2026-03", "configured")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ApiKeysController.NAME_TAKEN.toString()))
                .andExpect(jsonPath("$.detail", containsString("configuration")));
        mvc.perform(delete(PATH + "/crm-2026-03").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isNoContent());
        mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, OTHER_ADMIN).contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ApiKeysController.NAME_TAKEN.toString()))
                .andExpect(jsonPath("$.detail", containsString("revoked keys keep their names")));
    }

    @Test
    void aRevokedKeyIsRefusedLikeAnUnknownOneAndRevokingAgainChangesNothing() throws Exception {
        String key = create(VALID);
        mvc.perform(post("/api/v1/responses").header("X-API-Key", key)).andExpect(status().isOk());

        mvc.perform(delete(PATH + "/crm-2026-03").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isNoContent());

        mvc.perform(post("/api/v1/responses").header("X-API-Key", key))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The X-API-Key header does not name a known key."));
        mvc.perform(delete(PATH + "/crm-2026-03").header(HttpHeaders.AUTHORIZATION, OTHER_ADMIN)).andExpect(status().isNoContent());
        mvc.perform(get(PATH + "/crm-2026-03").header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.active").value(false))
                .andExpect(jsonPath("$.revokedBy").value("ada"))
                .andExpect(jsonPath("$.revokedAt").value("2026-03-01T10:00:00Z"));
    }

    @Test
    void aConfiguredKeyIsNotRevokedHere() throws Exception {
        mvc.perform(delete(PATH + "/configured").header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ApiKeysController.CONFIGURED.toString()))
                .andExpect(jsonPath("$.detail", containsString("remove it from the configuration")));
        mvc.perform(post("/api/v1/responses").header("X-API-Key", CONFIGURED_KEY)).andExpect(status().isOk());
    }

    @Test
    void anUnknownKeyIsNotFound() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(get(PATH + "/nobody"), delete(PATH + "/nobody"))) {
            mvc.perform(request.header(HttpHeaders.AUTHORIZATION, ADMIN))
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.detail").value("There is no key named nobody."));
        }
    }

    @Test
    void aManagedKeyHasItsOwnRate() throws Exception {
        String key = create("{\"name\":\"slow\",\"source\":\"slow\",\"scopes\":[\"responses:write\"],\"rateLimit\":{\"permits\":1,\"period\":\"PT1H\"}}");

        mvc.perform(post("/api/v1/responses").header("X-API-Key", key)).andExpect(status().isOk());
        mvc.perform(post("/api/v1/responses").header("X-API-Key", key))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void anUnreachableStoreIsAnswered503AndCreatesNothing() throws Exception {
        store.failWith(() -> new MongoTimeoutException("Timed out while waiting for a server"));

        for (MockHttpServletRequestBuilder request : List.of(
                post(PATH).contentType(MediaType.APPLICATION_JSON).content(VALID), get(PATH), get(PATH + "/crm-2026-03"),
                delete(PATH + "/crm-2026-03"))) {
            mvc.perform(request.header(HttpHeaders.AUTHORIZATION, ADMIN))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().exists(HttpHeaders.RETRY_AFTER))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        store.heal();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void withoutATokenEveryEndpointIs401EvenWithAnApiKey() throws Exception {
        for (MockHttpServletRequestBuilder request : everyEndpoint()) {
            mvc.perform(request).andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        for (MockHttpServletRequestBuilder request : everyEndpoint()) {
            mvc.perform(request.header("X-API-Key", CONFIGURED_KEY)).andExpect(status().isUnauthorized());
        }
        assertThat(store.all()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"AGENT", "LEAD", "ANALYST"})
    void onlyAdminsManageKeys(Role role) throws Exception {
        String token = "Bearer " + ISSUER.token("someone", List.of(role), List.of("*"));
        for (MockHttpServletRequestBuilder request : everyEndpoint()) {
            mvc.perform(request.header(HttpHeaders.AUTHORIZATION, token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        assertThat(store.all()).isEmpty();
    }

    private static List<MockHttpServletRequestBuilder> everyEndpoint() {
        return List.of(post(PATH).contentType(MediaType.APPLICATION_JSON).content(VALID), get(PATH), get(PATH + "/configured"),
                delete(PATH + "/configured"));
    }

    private String create(String body) throws Exception {
        String answer = mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return JSON.readTree(answer).path("key").asString();
    }

    private ResultActions expectInvalid(String body, String... fields) throws Exception {
        return mvc.perform(post(PATH).header(HttpHeaders.AUTHORIZATION, ADMIN).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(ProblemDetailsAdvice.VALIDATION_TYPE.toString()))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder(fields)));
    }
}
