package io.npsloop.alerting.rules.web;

import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call alerting: admins change rules and run dry runs; team leads and admins read rules and alerts. */
@Component
class AlertingAccessRules implements AccessRules {

    private static final String ADMIN = Role.ADMIN.name();
    private static final String LEAD = Role.LEAD.name();

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/api/v1/rules", "/api/v1/rules/*", "/api/v1/rules/*/versions").hasAnyRole(LEAD, ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/v1/rules", "/api/v1/rules/dry-run", "/api/v1/rules/*/enable",
                        "/api/v1/rules/*/disable").hasRole(ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/v1/rules/*").hasRole(ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/api/v1/rules/*").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/alerts", "/api/v1/alerts/*").hasAnyRole(LEAD, ADMIN);
    }
}
