package io.npsloop.alerting.rules.web;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import io.npsloop.alerting.AlertingProperties;
import io.npsloop.alerting.Responses;
import io.npsloop.alerting.alerts.OpenAlertWindow;
import io.npsloop.alerting.alerts.ScoredResponses;
import io.npsloop.alerting.notifications.OutboundUrlPolicy;
import io.npsloop.alerting.rules.InMemoryRuleRepository;
import io.npsloop.alerting.rules.RuleCatalog;
import io.npsloop.alerting.rules.RuleManagement;
import io.npsloop.alerting.rules.RuleValidation;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static io.npsloop.alerting.Responses.T0;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = RulesController.class, properties = "nps.alerting.admin.api-keys.alice=key-a")
@Import({AdminKeys.class, ProblemDetailsAdvice.class, RulesMvcTests.Beans.class})
class RulesMvcTests {

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
                public void record(ResponseScored response) {
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
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer key-a")
                        .contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.changedBy").value("alice"));

        mvc.perform(get("/api/v1/rules/vip").header("Authorization", "Bearer key-a"))
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

        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer key-a")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @Test
    void ruleWithoutEnabledFlagIsCreatedEnabled() throws Exception {
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer key-a")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"enabled\":true,", "").replace("\"vip\"", "\"implicitly-enabled\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.rule.enabled").value(true));
    }

    @Test
    void withoutAKeyNothingIsCreated() throws Exception {
        mvc.perform(post("/api/v1/rules").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"vip\"", "\"no-key\"")))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/rules").header("Authorization", "Bearer key-b").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"vip\"", "\"no-key\"")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/rules/no-key").header("Authorization", "Bearer key-a"))
                .andExpect(status().isNotFound());
    }

    @Test
    void dryRunReportsPerRuleCountsAndValidatesItsInput() throws Exception {
        mvc.perform(post("/api/v1/rules/dry-run").header("Authorization", "Bearer key-a")
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

        mvc.perform(post("/api/v1/rules/dry-run").header("Authorization", "Bearer key-a")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"days":400,"rules":[
                                  {"id":"a","enabled":true,"when":{"maxScore":6},"then":{"severity":"NORMAL","ownerQueue":"care","firstContactSla":"PT1H"}},
                                  {"id":"a","enabled":true,"when":{"maxScore":6},"then":{"severity":"NORMAL","ownerQueue":"care","firstContactSla":"PT1H"}}]}
                                """))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("rules[1].id", "days")));
    }
}
