package io.npsloop.ingest.web;

import io.npsloop.platform.security.AccessRules;
import io.npsloop.platform.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call survey-ingest. Source systems post responses and outcomes with an API key, which
 * {@code ApiKeyFilter} checks before this chain runs (and answers 401/403/429 itself); the survey
 * tools' webhooks prove themselves by their signature. People with bearer tokens may only erase
 * and manage the source systems' keys, both as admins.
 */
@Component
class IngestAccessRules implements AccessRules {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints) {
        endpoints.requestMatchers(HttpMethod.POST, "/api/v1/responses", "/api/v1/responses/batch", "/api/v1/responses/import",
                        "/api/v1/outcomes", "/api/v1/outcomes/batch", "/api/v1/outcomes/import")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/*").permitAll()
                .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml").permitAll()
                .requestMatchers("/api/v1/erasures", "/api/v1/erasures/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/v1/admin/api-keys", "/api/v1/admin/api-keys/*").hasRole(Role.ADMIN.name());
    }
}
