package io.npsloop.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the one token decoder a service uses from {@link SecurityProperties}: signature by the
 * configured key source and algorithm only, then expiry (required) and not-before (with the clock
 * skew), the token's lifetime ({@link TokenLifetime}), issuer and audience. A misconfiguration
 * fails the start; no key source refuses every token.
 */
final class TokenDecoders {

    private static final Logger log = LoggerFactory.getLogger(TokenDecoders.class);

    private TokenDecoders() {
    }

    static JwtDecoder decoder(SecurityProperties properties, ResourceLoader resources) {
        SignatureAlgorithm algorithm = SignatureAlgorithm.from(properties.algorithm());
        if (algorithm == null) {
            throw new IllegalStateException("nps.security.jwt.algorithm: unknown JWS algorithm " + properties.algorithm()
                    + " (use one of RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512)");
        }
        NimbusJwtDecoder decoder;
        String issuer = properties.issuer();
        if (hasText(properties.jwkSetUri())) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).jwsAlgorithm(algorithm).build();
        } else if (hasText(properties.publicKeyLocation())) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(resources.getResource(properties.publicKeyLocation())))
                    .signatureAlgorithm(algorithm).build();
        } else if (hasText(properties.devIssuer())) {
            decoder = NimbusJwtDecoder.withPublicKey(DevIssuer.at(Path.of(properties.devIssuer())).publicKey())
                    .signatureAlgorithm(algorithm).build();
            issuer = hasText(issuer) ? issuer : DevIssuer.ISSUER;
            log.warn("Bearer tokens are checked against the development issuer's key in {}: not for production", properties.devIssuer());
        } else {
            log.warn("No token issuer is configured (nps.security.jwt.jwk-set-uri or public-key-location): every bearer token is refused");
            return token -> {
                throw new BadJwtException("No token issuer is configured");
            };
        }
        if (!hasText(issuer)) {
            throw new IllegalStateException("nps.security.jwt.issuer is required with a JWKS URI or a public key");
        }
        String audience = properties.audience();
        OAuth2TokenValidator<Jwt> audienceValidator = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(audience));
        if (properties.maxTokenLifetime().isNegative() || properties.maxTokenLifetime().isZero()) {
            throw new IllegalStateException("nps.security.jwt.max-token-lifetime must be positive, not " + properties.maxTokenLifetime());
        }
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        // Spring's default lets a token without exp through; such a token would be good forever.
        timestamps.setAllowEmptyExpiryClaim(false);
        TokenLifetime lifetime = new TokenLifetime(properties.maxTokenLifetime());
        decoder.setClaimSetConverter(TokenLifetime.claimSetConverter(Clock.systemUTC()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, lifetime, new JwtIssuerValidator(issuer),
                audienceValidator));
        return decoder;
    }

    private static RSAPublicKey publicKey(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("nps.security.jwt.public-key-location: cannot read an RSA public key (PEM) from " + resource, e);
        }
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
