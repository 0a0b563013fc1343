package io.npsloop.platform.security;

import java.time.Clock;
import java.util.List;

import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.ObjectProvider;

import io.npsloop.platform.mongo.MongoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The filter chain every service shares: stateless bearer-token authentication, the public
 * operational endpoints (health, info, Prometheus), the service's {@link AccessRules}, and a
 * final deny for everything else. No sessions, no cookies, hence no CSRF token.
 */
@AutoConfiguration(after = MongoConfiguration.class, before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder npsJwtDecoder(SecurityProperties properties, ResourceLoader resources) {
        return TokenDecoders.decoder(properties, resources);
    }

    @Bean
    JwtRoles jwtRoles(SecurityProperties properties) {
        return new JwtRoles(properties);
    }

    @Bean
    @ConditionalOnBean(MongoDatabase.class)
    AdminAuditLog adminAuditLog(MongoDatabase database, Environment environment) {
        return new AdminAuditLog(database, environment.getProperty("spring.application.name", "nps-loop"));
    }

    @Bean
    @ConditionalOnBean(AdminAuditLog.class)
    AdminAuditController adminAuditController(AdminAuditLog audit) {
        return new AdminAuditController(audit);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain npsSecurityFilterChain(HttpSecurity http, List<AccessRules> rules, JwtDecoder decoder, JwtRoles roles,
            ObjectProvider<AdminAuditLog> audit) throws Exception {
        SecurityProblems problems = new SecurityProblems();
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(endpoints -> {
                    endpoints.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                            .permitAll();
                    endpoints.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
                    endpoints.requestMatchers("/error").permitAll();
                    endpoints.requestMatchers(HttpMethod.GET, AdminAuditController.PATH).hasRole(Role.ADMIN.name());
                    rules.forEach(rule -> rule.declare(endpoints));
                    endpoints.anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(roles))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(failures -> failures.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        audit.ifAvailable(log -> http.addFilterAfter(new AdminAuditFilter(log, Clock.systemUTC()), AuthorizationFilter.class));
        return http.build();
    }
}
