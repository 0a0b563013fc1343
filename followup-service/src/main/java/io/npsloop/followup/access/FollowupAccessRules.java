package io.npsloop.followup.access;

import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call follow-up. Agents and team leads work cases (which cases, by queue, is decided per
 * case: another queue's case is not found), and only team leads assign and transfer them; admins
 * keep the taxonomy, incentives and experiments; leads and admins keep the do-not-contact list.
 */
@Component
class FollowupAccessRules implements AccessRules {

    private static final String AGENT = Role.AGENT.name();
    private static final String LEAD = Role.LEAD.name();
    private static final String ANALYST = Role.ANALYST.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        // The workspace page is static and public, like the dashboard: what it shows needs a token.
        endpoints.requestMatchers(HttpMethod.GET, "/workspace", "/workspace.html", "/workspace.js", "/workspace.css").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/me").hasAnyRole(AGENT, LEAD, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/agents").hasRole(LEAD)
                .requestMatchers(HttpMethod.GET, "/api/v1/cases", "/api/v1/cases/*", "/api/v1/cases/*/history").hasAnyRole(AGENT, LEAD)
                // Hand-overs are team leads' work: declared before the case actions that agents may call.
                .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/assign", "/api/v1/cases/*/transfer").hasRole(LEAD)
                .requestMatchers(HttpMethod.POST, "/api/v1/cases/*/*").hasAnyRole(AGENT, LEAD)
                .requestMatchers(HttpMethod.GET, "/api/v1/suppressions").hasAnyRole(LEAD, ADMIN)
                // Agents may ask whether a customer may be contacted; leads and admins keep the list.
                .requestMatchers(HttpMethod.GET, "/api/v1/do-not-contact/*").hasAnyRole(AGENT, LEAD, ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/v1/do-not-contact/*").hasAnyRole(LEAD, ADMIN)
                .requestMatchers(HttpMethod.DELETE, "/api/v1/do-not-contact/*").hasAnyRole(LEAD, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/root-causes").hasAnyRole(AGENT, LEAD, ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/root-causes/suggestions").hasAnyRole(LEAD, ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/v1/root-causes", "/api/v1/root-causes/*/deactivate",
                        "/api/v1/root-causes/suggestions/promote").hasRole(ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/v1/root-causes/*").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/incentives").hasAnyRole(AGENT, LEAD, ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/v1/incentives").hasRole(ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/v1/incentives/*").hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/v1/experiments").hasAnyRole(ANALYST, LEAD, ADMIN)
                .requestMatchers(HttpMethod.POST, "/api/v1/experiments").hasRole(ADMIN);
    }
}
