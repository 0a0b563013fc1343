package io.npsloop.followup.cases;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.npsloop.followup.FollowupProperties;
import io.npsloop.followup.donotcontact.DoNotContactRegister;
import io.npsloop.followup.incentives.IncentiveStore;
import io.npsloop.followup.rootcauses.RootCauseStore;
import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.SecurityConfiguration;
import io.npsloop.platform.web.ProblemDetailsAdvice;
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

/**
 * The HTTP API's slice: the real controllers, advice, security filter chain and access rules, with
 * bearer tokens of the development issuer and the domain on in-memory ports (one
 * {@link InMemoryFollowup} per test class).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = "spring.config.name=nps-platform,followup-service",
        includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = AccessRules.class))
// The slice brings no servlet security of its own: the platform's filter chain and the Boot security
// it builds on are imported, so 401 and 403 come from the same chain as in the running service.
@ImportAutoConfiguration({SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, SecurityConfiguration.class})
@Import({ProblemDetailsAdvice.class, FollowupWebSlice.Domain.class})
@interface FollowupWebSlice {

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FollowupProperties.class)
    class Domain {

        @Bean
        InMemoryFollowup followup() {
            return new InMemoryFollowup();
        }

        @Bean
        CaseWork caseWork(InMemoryFollowup f) {
            return f.work;
        }

        @Bean
        CaseStore caseStore(InMemoryFollowup f) {
            return f.store;
        }

        @Bean
        DoNotContactRegister doNotContactRegister(InMemoryFollowup f) {
            return f.doNotContact;
        }

        @Bean
        RootCauseStore rootCauseStore(InMemoryFollowup f) {
            return f.rootCauses;
        }

        @Bean
        IncentiveStore incentiveStore(InMemoryFollowup f) {
            return f.incentives;
        }
    }
}
