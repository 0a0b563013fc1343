package io.npsloop.platform.security;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's table of who may call which endpoint. Every service declares one; the shared
 * filter chain applies them all and then denies anything not listed. The README's access table
 * states the same rules, and a test walks it against the running services.
 */
@FunctionalInterface
public interface AccessRules {

    void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry endpoints);
}
