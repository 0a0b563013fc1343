package io.npsloop.platform.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are checked. Exactly one key source applies, in this order: a JWKS URI (the
 * identity provider's), a public key file, or the development issuer's key directory. With none
 * of them every token is refused. Every token must carry {@code exp}, and live no longer than
 * {@code maxTokenLifetime}: the identity providers we name always set it, and a token that never
 * expires cannot be taken back.
 *
 * @param issuer        the required {@code iss}
 * @param audience      the required entry of {@code aud}
 * @param algorithm     the only accepted JWS algorithm
 * @param jwkSetUri     the identity provider's JWKS endpoint
 * @param publicKeyLocation a PEM (X.509 SubjectPublicKeyInfo) RSA public key, as a Spring resource location
 * @param rolesClaim    claim holding the roles (a list, or a space- or comma-separated string); dotted for nested claims such as {@code realm_access.roles}
 * @param queuesClaim   claim holding the follow-up queues of an agent or lead
 * @param usernameClaim claim naming the person; {@code sub} when absent
 * @param clockSkew     tolerance on {@code exp} and {@code nbf}
 * @param maxTokenLifetime the longest a token may be valid: {@code exp} minus {@code iat}, or minus
 *                      now when the token has no {@code iat}; longer ones are refused
 * @param devIssuer     a development issuer's key directory (local run and tests only)
 */
@ConfigurationProperties("nps.security.jwt")
public record SecurityProperties(
        @Nullable String issuer,
        @DefaultValue("nps-loop") String audience,
        @DefaultValue("RS256") String algorithm,
        @Nullable String jwkSetUri,
        @Nullable String publicKeyLocation,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("queues") String queuesClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("24h") Duration maxTokenLifetime,
        @Nullable String devIssuer) {
}
