package io.npsloop.followup.access;

import java.util.HashSet;
import java.util.List;

import io.npsloop.followup.cases.Actor;
import io.npsloop.platform.security.JwtRoles;
import io.npsloop.platform.security.Role;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Any controller method that takes an {@link Actor} acts as the person of the bearer token: their
 * name, their case role, the queues the token grants and whether they also hold the admin role. Who
 * acted is never a header or field the client chooses.
 */
@Configuration(proxyBeanMethods = false)
class ActorArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final JwtRoles roles;

    ActorArgumentResolver(JwtRoles roles) {
        this.roles = roles;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new AuthenticationCredentialsNotFoundException("A bearer token is required");
        }
        List<String> held = token.getAuthorities().stream().map(authority -> authority.getAuthority()).toList();
        return new Actor(token.getName(), role(held), new HashSet<>(roles.queues(token.getToken())),
                held.contains(Role.ADMIN.authority()));
    }

    /**
     * The strongest case role the token holds: lead over agent, and admin only without either. The
     * admin role is no case role: a token with admin and agent works cases as an agent of its queues.
     */
    private static Actor.Role role(List<String> held) {
        if (held.contains(Role.LEAD.authority())) {
            return Actor.Role.LEAD;
        }
        if (held.contains(Role.AGENT.authority())) {
            return Actor.Role.AGENT;
        }
        if (held.contains(Role.ADMIN.authority())) {
            return Actor.Role.ADMIN;
        }
        throw new AccessDeniedException("Only agents, team leads and admins act on follow-up data");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
