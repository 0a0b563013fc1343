package io.npsloop.reporting.reports.web;

import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may read the management views: analysts, team leads and admins (the views hold no contact
 * data). The dashboard page itself is static and public; the data it draws needs a token.
 */
@Component
class ReportingAccessRules implements AccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard.html", "/dashboard.js", "/webjars/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/reports/**")
                .hasAnyRole(Role.ANALYST.name(), Role.LEAD.name(), Role.ADMIN.name());
    }
}
