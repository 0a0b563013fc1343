package io.npsloop.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A development token issuer: an RSA key pair kept in a directory (created on first use, never
 * committed) and tokens signed with it, shaped like an OIDC provider's access tokens. The local run
 * and the tests use it; a deployment points the services at its identity provider instead.
 */
public final class DevIssuer {

    public static final String ISSUER = "https://dev-issuer.npsloop.invalid";
    public static final String AUDIENCE = "nps-loop";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    /** The property naming the development issuer's key directory; the build sets it for every test JVM. */
    public static final String DIRECTORY_PROPERTY = "nps.security.jwt.dev-issuer";

    private static final String PRIVATE_KEY = "private-key.pem";
    private static final String PUBLIC_KEY = "public-key.pem";

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private DevIssuer(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = "dev-" + Integer.toHexString(publicKey.getModulus().hashCode());
    }

    /** The issuer whose keys are in the directory, creating them there if it holds none. */
    public static DevIssuer at(Path directory) {
        try {
            Files.createDirectories(directory);
            Path privateFile = directory.resolve(PRIVATE_KEY);
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                writeOnce(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            // For services pointed at a public key file (nps.security.jwt.public-key-location).
            Path publicFile = directory.resolve(PUBLIC_KEY);
            if (!Files.exists(publicFile)) {
                writeOnce(publicFile, pem("PUBLIC KEY", publicKey.getEncoded()));
                // Readable by the containers of the compose stack, which run as another user.
                try {
                    Files.setPosixFilePermissions(publicFile, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system's defaults apply
                }
            }
            return new DevIssuer(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the development issuer's keys in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The development issuer's keys in " + directory + " are unreadable", e);
        }
    }

    /** The issuer of the directory named by the {@value #DIRECTORY_PROPERTY} system property (tests). */
    public static DevIssuer fromSystemProperty() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            throw new IllegalStateException("The system property " + DIRECTORY_PROPERTY + " names no directory");
        }
        return at(Path.of(directory));
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** A token for a person with the given roles (and follow-up queues), valid for the default lifetime. */
    public String token(String username, Collection<Role> roles, Collection<String> queues) {
        return token(username, roles.stream().map(role -> role.name().toLowerCase(Locale.ROOT)).toList(), queues,
                ISSUER, AUDIENCE, Instant.now(), DEFAULT_LIFETIME);
    }

    /** A token with every claim chosen by the caller: for tests of what is refused. */
    public String token(String username, List<String> roles, Collection<String> queues, String issuer, String audience,
            Instant issuedAt, Duration lifetime) {
        return sign(claims(username, roles, queues, issuer, audience, issuedAt, lifetime));
    }

    /**
     * The claims of {@link #token(String, List, Collection, String, String, Instant, Duration)} as a
     * JSON object (times in epoch seconds), for a test to remove or change one before {@link #sign}.
     */
    public Map<String, Object> claims(String username, List<String> roles, Collection<String> queues, String issuer, String audience,
            Instant issuedAt, Duration lifetime) {
        return new LinkedHashMap<>(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", username)
                .claim("roles", roles)
                .claim("queues", List.copyOf(queues))
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build()
                .toJSONObject());
    }

    /** A token of exactly these claims, signed with this issuer's key. */
    public String sign(Map<String, Object> claims) {
        JWTClaimsSet set;
        try {
            set = JWTClaimsSet.parse(claims);
        } catch (ParseException e) {
            throw new IllegalArgumentException("Not a claims set: " + e.getMessage(), e);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), set);
        try {
            jwt.sign(new RSASSASigner(privateKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
        return jwt.serialize();
    }

    private static void writeOnce(Path file, String content) throws IOException {
        // Written aside, then linked into place: linking fails if another process got there first,
        // and then everyone uses that one's key.
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, content);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another process created it
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
