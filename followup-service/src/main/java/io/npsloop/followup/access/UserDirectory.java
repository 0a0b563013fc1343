package io.npsloop.followup.access;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.npsloop.followup.FollowupProperties;
import io.npsloop.followup.cases.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The configured users, checked by HTTP Basic against bcrypt hashes. Who acted is always the user
 * authenticated here, never a header the client sets. Spring Security's password encoder is used
 * alone, without its filter chain: the five services share one JVM in the local run, and Boot's
 * security auto-configuration would otherwise lock down the other four.
 */
@Component
public class UserDirectory {

    private final Map<String, FollowupProperties.User> users;
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

    UserDirectory(FollowupProperties properties) {
        this.users = properties.users().stream()
                .collect(Collectors.toMap(FollowupProperties.User::username, Function.identity()));
    }

    public Actor authenticate(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new UnauthenticatedException("Authentication required (HTTP Basic)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnauthenticatedException("Malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        FollowupProperties.User user = colon < 0 ? null : users.get(decoded.substring(0, colon));
        if (user == null || !encoder.matches(decoded.substring(colon + 1), user.passwordHash())) {
            throw new UnauthenticatedException("Unknown user or wrong password");
        }
        return new Actor(user.username(), Actor.Role.valueOf(user.role().toUpperCase(Locale.ROOT)),
                new HashSet<>(user.queues()));
    }
}
