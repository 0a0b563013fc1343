package io.npsloop.alerting.rules.web;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import io.npsloop.alerting.AlertingProperties;
import io.npsloop.alerting.Responses;
import io.npsloop.alerting.alerts.OpenAlertWindow;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.alerting.rules.ChurnModels;
import io.npsloop.alerting.rules.ChurnRiskCatalog;
import io.npsloop.alerting.rules.ChurnRiskStore;
import io.npsloop.alerting.rules.InMemoryRuleRepository;
import io.npsloop.alerting.rules.RuleCatalog;
import io.npsloop.alerting.rules.RuleManagement;
import io.npsloop.alerting.rules.RuleValidation;
import io.npsloop.contracts.ChurnRiskUpdated;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.security.DevIssuer;
import io.npsloop.platform.security.Role;
import io.npsloop.platform.security.SecurityConfiguration;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static io.npsloop.alerting.Responses.T0;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rules API behind the service's real filter chain (the shared bearer-token chain and
 * {@link AlertingAccessRules}), with tokens of the development issuer: validation, versions and
 * the actor taken from the token, and who may call what. The alerts endpoints and the audit log
 * are covered against the whole service in {@code AlertingServiceIntegrationTests}.
 */
@WebMvcTest(controllers = RulesController.class)
@ImportAutoConfiguration({SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, SecurityConfiguration.class})
@Import({AlertingAccessRules.class, ProblemDetailsAdvice.class, RulesMvcTests.Beans.class})
class RulesMvcTests {

    private static final DevIssuer ISSUER = DevIssuer.fromSystemProperty();
    private static final String ALICE = ISSUER.token("alice", List.of(Role.ADMIN), List.of());
    private static final String BOB = ISSUER.token("bob", List.of(Role.ADMIN), List.of());
    private static final String LEAD = ISSUER.token("lin", List.of(Role.LEAD), List.of("customer-care"));

    private static final String VALID = """
            {"id":"vip","description":"VIP detractors","enabled":true,
             "when":{"maxScore":6,"attributes":{"plan":["enterprise"]},"minAccountValue":{"amount":"5000","currency":"EUR"}},
             "then":{"severity":"HIGH","ownerQueue":"vip-care","firstContactSla":"PT2H","escalateTo":"executive",
                     "notifications":[{"name":"lead","channel":"EMAIL","address":"lead@example.com"}]}}
            """;

    @Autowired
    MockMvc mvc;

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AlertingProperties.class)
    static class Beans {
        @Bean
        Clock clock() {
            return Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        }

        @Bean
        RuleValidation ruleValidation() {
            return new RuleValidation(new OutboundUrlPolicy(List.of("hooks.example.com"), false)::problem);
        }

        @Bean
        RuleManagement ruleManagement(RuleValidation validation, Clock clock) {
            InMemoryRuleRepository repository = new InMemoryRuleRepository();
            return new RuleManagement(repository, new RuleCatalog(repository), validation, clock);
        }

        /** The sample churn model: detractors' churn at least 0.1676, passives' at least 0.1028. */
        @Bean
        ChurnRiskCatalog churnRiskCatalog() {
            ChurnRiskUpdated model = ChurnModels.model(T0);
            ChurnRiskCatalog catalog = new ChurnRiskCatalog(new ChurnRiskStore() {
                @Override
                public ChurnRiskUpdated latest() {
                    return model;
                }

                @Override
                public boolean keepIfNewer(ChurnRiskUpdated update) {
                    return false;
                }
            });
            catalog.refresh();
            return catalog;
        }

        @Bean
        OpenAlertWindow openAlertWindow() {
            return new OpenAlertWindow(Duration.ofDays(7));
        }

        @Bean
        ScoredResponses scoredResponses() {
            List<ResponseScored> responses = List.of(Responses.detractor().id("r1").score(1).build(),
                    Responses.detractor().id("r2").customer("c-2").score(8).build());
            return new ScoredResponses() {
                @Override
                public void recordAll(List<ResponseScored> batch) {
                }

                @Override
                public List<ResponseScored> answeredSince(java.time.Instant from) {
                    return responses;
                }

                @Override
                public long evictAnsweredBefore(java.time.Instant cutoff) {
                    return 0;
                }
            };
        }
    }

    @Test
    void validRuleIsCreatedAndReadBackInItsApiForm() throws Exception {
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.changedBy").value("alice"));

        mvc.perform(get("/api/v1/rules/vip").header("Authorization", "Bearer " + ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rule.then.firstContactSla").value("PT2H"))
                .andExpect(jsonPath("$.rule.when.minAccountValue.amount").value("5000"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "score above 10 | \"maxScore\":6 | \"maxScore\":11 | when.maxScore",
            "unknown severity | \"severity\":\"HIGH\" | \"severity\":\"URGENT\" | then.severity",
            "bad SLA | \"PT2H\" | \"two hours\" | then.firstContactSla",
            "blank queue | \"vip-care\" | \"\" | then.ownerQueue",
            "bad email | lead@example.com | lead | then.notifications[0].address",
            "bad currency | \"EUR\" | \"euros\" | when.minAccountValue.currency",
            "no conditions | \"maxScore\":6,\"attributes\":{\"plan\":[\"enterprise\"]},\"minAccountValue\":{\"amount\":\"5000\",\"currency\":\"EUR\"} | | when",
            "metadata webhook | {\"name\":\"lead\",\"channel\":\"EMAIL\",\"address\":\"lead@example.com\"} | {\"name\":\"m\",\"channel\":\"WEBHOOK\",\"address\":\"https://169.254.169.254/\"} | then.notifications[0].address"})
    void badRuleIsAnsweredWithProblemJsonNamingTheField(String name, String from, String to, String field) throws Exception {
        String body = VALID.replace(from, to == null ? "" : to);

        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @Test
    void ruleWithoutEnabledFlagIsCreatedEnabled() throws Exception {
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"enabled\":true,", "").replace("\"vip\"", "\"implicitly-enabled\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rule.enabled").value(true));
    }

    @Test
    void withoutAValidTokenNothingIsCreated(@TempDir Path otherIssuer) throws Exception {
        String body = VALID.replace("\"vip\"", "\"no-token\"");
        mvc.perform(post("/api/v1/rules").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        String forged = DevIssuer.at(otherIssuer).token("alice", List.of(Role.ADMIN), List.of());
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + forged)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer not-a-token")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());

        mvc.perform(get("/api/v1/rules/no-token").header("Authorization", "Bearer " + ALICE))
                .andExpect(status().isNotFound());
    }

    @Test
    void everyChangeRecordsTheUsernameOfTheTokenThatMadeIt() throws Exception {
        String body = VALID.replace("\"vip\"", "\"audited\"");
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(put("/api/v1/rules/audited").header("Authorization", "Bearer " + BOB).header(HttpHeaders.IF_MATCH, "1")
                        .contentType(MediaType.APPLICATION_JSON).content(body.replace("\"HIGH\"", "\"CRITICAL\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.changedBy").value("bob"));
        mvc.perform(post("/api/v1/rules/audited/disable").header("Authorization", "Bearer " + ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.changedBy").value("alice"));

        mvc.perform(get("/api/v1/rules/audited/versions").header("Authorization", "Bearer " + LEAD))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].change", contains("CREATED", "UPDATED", "DISABLED")))
                .andExpect(jsonPath("$[*].actor", contains("alice", "bob", "alice")));

        mvc.perform(delete("/api/v1/rules/audited").header("Authorization", "Bearer " + BOB))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/rules/audited/versions").header("Authorization", "Bearer " + ALICE))
                .andExpect(jsonPath("$[3].change").value("DELETED"))
                .andExpect(jsonPath("$[3].actor").value("bob"));
    }

    @Test
    void aLeadReadsRulesButEveryChangeAndDryRunIsForbidden() throws Exception {
        String body = VALID.replace("\"vip\"", "\"lead-proof\"");
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/rules").header("Authorization", "Bearer " + LEAD))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].rule.id", hasItem("lead-proof")));
        mvc.perform(get("/api/v1/rules/lead-proof").header("Authorization", "Bearer " + LEAD))
                .andExpect(status().isOk());
        mvc.perform(get("/api/v1/rules/lead-proof/versions").header("Authorization", "Bearer " + LEAD))
                .andExpect(status().isOk());

        for (MockHttpServletRequestBuilder change : List.of(
                post("/api/v1/rules").contentType(MediaType.APPLICATION_JSON).content(body.replace("\"lead-proof\"", "\"by-lead\"")),
                put("/api/v1/rules/lead-proof").contentType(MediaType.APPLICATION_JSON).content(body.replace("\"HIGH\"", "\"NORMAL\"")),
                post("/api/v1/rules/lead-proof/disable"),
                post("/api/v1/rules/lead-proof/enable"),
                delete("/api/v1/rules/lead-proof"),
                post("/api/v1/rules/dry-run").contentType(MediaType.APPLICATION_JSON).content("{\"days\":7,\"rules\":[" + body + "]}"))) {
            mvc.perform(change.header("Authorization", "Bearer " + LEAD))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(403));
        }

        mvc.perform(get("/api/v1/rules/lead-proof").header("Authorization", "Bearer " + ALICE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.rule.enabled").value(true))
                .andExpect(jsonPath("$.rule.then.severity").value("HIGH"));
        mvc.perform(get("/api/v1/rules/by-lead").header("Authorization", "Bearer " + ALICE))
                .andExpect(status().isNotFound());
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ANALYST", "AGENT"})
    void analystsAndAgentsMayNeitherReadNorChangeRules(Role role) throws Exception {
        String token = ISSUER.token("someone", List.of(role), List.of("*"));
        for (MockHttpServletRequestBuilder request : List.of(
                get("/api/v1/rules"),
                get("/api/v1/rules/detractor-0-6"),
                get("/api/v1/rules/detractor-0-6/versions"),
                post("/api/v1/rules").contentType(MediaType.APPLICATION_JSON).content(VALID.replace("\"vip\"", "\"by-" + role.name().toLowerCase(Locale.ROOT) + "\"")),
                post("/api/v1/rules/dry-run").contentType(MediaType.APPLICATION_JSON).content("{\"days\":7,\"rules\":[" + VALID + "]}"))) {
            mvc.perform(request.header("Authorization", "Bearer " + token))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void dryRunReportsPerRuleCountsAndValidatesItsInput() throws Exception {
        mvc.perform(post("/api/v1/rules/dry-run").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"days":7,"rules":[
                                  {"id":"all-detractors","enabled":true,"when":{"maxScore":6},
                                   "then":{"severity":"NORMAL","ownerQueue":"care","firstContactSla":"PT48H"}},
                                  {"id":"super","enabled":true,"when":{"maxScore":2},
                                   "then":{"severity":"CRITICAL","ownerQueue":"executive","firstContactSla":"PT4H"}}]}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.responses").value(2))
                .andExpect(jsonPath("$.alertsRaised").value(1))
                .andExpect(jsonPath("$.rules[0].matched").value(1))
                .andExpect(jsonPath("$.rules[0].decided").value(0))
                .andExpect(jsonPath("$.rules[1].raised").value(1));

        // The churn model in force now: the detractor's risk (0.1676) reaches 0.15, the passive's (0.1028) does not.
        mvc.perform(post("/api/v1/rules/dry-run").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"days":7,"rules":[
                                  {"id":"at-risk","enabled":true,"when":{"minChurnRisk":0.15},
                                   "then":{"severity":"NORMAL","ownerQueue":"retention","firstContactSla":"PT48H"}}]}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[0].matched").value(1));

        mvc.perform(post("/api/v1/rules/dry-run").header("Authorization", "Bearer " + ALICE)
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"days":400,"rules":[
                                  {"id":"a","enabled":true,"when":{"maxScore":6},"then":{"severity":"NORMAL","ownerQueue":"care","firstContactSla":"PT1H"}},
                                  {"id":"a","enabled":true,"when":{"maxScore":6},"then":{"severity":"NORMAL","ownerQueue":"care","firstContactSla":"PT1H"}}]}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("rules[1].id", "days")));
    }
}
