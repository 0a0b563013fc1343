package io.npsloop.ingest.apikeys.web;

import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bearer-token scheme the admin endpoints name in the OpenAPI document. */
@Configuration(proxyBeanMethods = false)
class ApiKeysOpenApi {

    static final String BEARER = "bearerToken";

    @Bean
    OpenApiCustomizer adminBearerScheme() {
        return openApi -> openApi.getComponents().addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token of a person with the admin role"));
    }
}
