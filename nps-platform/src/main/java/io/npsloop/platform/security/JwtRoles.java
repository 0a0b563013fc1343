package io.npsloop.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads a validated token into an authentication: the person's name from the username claim
 * (or {@code sub}), a {@code ROLE_*} authority per known role in the roles claim. Unknown role
 * names are ignored, so a token with none of ours is authenticated but may call nothing.
 */
public final class JwtRoles implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties properties;

    public JwtRoles(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String value : strings(claim(jwt.getClaims(), properties.rolesClaim()))) {
            Role.fromClaim(value).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        String username = jwt.getClaimAsString(properties.usernameClaim());
        return new JwtAuthenticationToken(jwt, authorities, username == null || username.isBlank() ? jwt.getSubject() : username);
    }

    /** The follow-up queues the token grants, from the queues claim; {@code *} means every queue. */
    public List<String> queues(Jwt jwt) {
        return strings(claim(jwt.getClaims(), properties.queuesClaim()));
    }

    private static @Nullable Object claim(Map<String, Object> claims, String path) {
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static List<String> strings(@Nullable Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            collection.forEach(item -> strings.add(String.valueOf(item)));
        } else if (value instanceof String text) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    strings.add(part);
                }
            }
        }
        return strings;
    }
}
