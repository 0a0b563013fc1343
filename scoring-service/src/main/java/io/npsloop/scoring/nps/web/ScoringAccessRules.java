package io.npsloop.scoring.nps.web;

import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may read NPS figures: analysts, team leads and admins. The figures hold no personal data. */
@Component
class ScoringAccessRules implements AccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.GET, "/api/v1/nps", "/api/v1/nps/**")
                .hasAnyRole(Role.ANALYST.name(), Role.LEAD.name(), Role.ADMIN.name());
    }
}
