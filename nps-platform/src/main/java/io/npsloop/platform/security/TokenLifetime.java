package io.npsloop.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * Refuses a token without {@code exp} or one valid for longer than the configured maximum: a
 * stolen token is only as harmless as it is short-lived, and the providers we support issue
 * access tokens for minutes or hours. The lifetime is {@code exp - iat}; a token without
 * {@code iat} is measured from now ({@link #claimSetConverter}).
 */
final class TokenLifetime implements OAuth2TokenValidator<Jwt> {

    private static final String BEARER_ERRORS = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1";

    private final Duration maximum;

    TokenLifetime(Duration maximum) {
        this.maximum = maximum;
    }

    /**
     * Spring's claim conversion, except that a missing {@code iat} becomes now rather than one
     * second before {@code exp} (Spring's default, which would make every such token look a
     * second old and so pass any maximum). A token that is already expired keeps Spring's value:
     * {@code iat} must stay before {@code exp}, and the expiry check refuses it anyway.
     */
    static Converter<Map<String, Object>, Map<String, Object>> claimSetConverter(Clock clock) {
        MappedJwtClaimSetConverter spring = MappedJwtClaimSetConverter.withDefaults(Map.of());
        return claims -> {
            Map<String, Object> converted = spring.convert(claims);
            if (converted != null && claims.get(JwtClaimNames.IAT) == null && converted.get(JwtClaimNames.EXP) instanceof Instant exp) {
                Instant now = clock.instant();
                if (exp.isAfter(now)) {
                    Map<String, Object> measured = new HashMap<>(converted);
                    measured.put(JwtClaimNames.IAT, now);
                    return measured;
                }
            }
            return converted;
        };
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return failure("The token has no expiry (exp)");
        }
        Instant issuedAt = token.getIssuedAt();
        if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(maximum) > 0) {
            return failure("The token is valid for longer than the " + maximum.toString().substring(2).toLowerCase(Locale.ROOT)
                    + " this service accepts (exp - iat)");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, BEARER_ERRORS));
    }
}
