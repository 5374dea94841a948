package org.civstart.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, signed with an RSA key pair made once per JVM. The services verify them
 * with {@code quarkus.oidc.public-key} (see {@link #config()}), exactly as the local stack does; in
 * Kubernetes the same services verify Keycloak's tokens instead.
 */
public final class TestTokens {

    public static final String ISSUER = "https://civstart.test/realms/civstart";
    private static final KeyPair KEYS = generate();

    private TestTokens() {}

    /** The OIDC settings that make a service accept these tokens. */
    public static Map<String, String> config() {
        return Map.of(
                "quarkus.oidc.public-key",
                Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "quarkus.oidc.token.issuer",
                ISSUER);
    }

    public static String admin() {
        return admin("admin-" + UUID.randomUUID());
    }

    public static String admin(String subject) {
        return sign(subject, Set.of("admin"), null, Duration.ofHours(1));
    }

    public static String startup(UUID startupId) {
        return sign("user-of-" + startupId, Set.of("startup"), startupId.toString(), Duration.ofHours(1));
    }

    /** A startup token that expires after {@code lifetime}. */
    public static String startup(UUID startupId, Duration lifetime) {
        return sign("user-of-" + startupId, Set.of("startup"), startupId.toString(), lifetime);
    }

    public static String expiredAdmin() {
        return Jwt.issuer(ISSUER)
                .subject("late-admin")
                .groups(Set.of("admin"))
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .jws()
                .sign(KEYS.getPrivate());
    }

    /** Signed by a key the services do not trust. */
    public static String forgedAdmin() {
        return Jwt.issuer(ISSUER)
                .subject("forger")
                .groups(Set.of("admin"))
                .expiresIn(Duration.ofHours(1))
                .jws()
                .sign(generate().getPrivate());
    }

    public static String sign(String subject, Set<String> roles, String startupId, Duration lifetime) {
        var builder = Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(roles)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(lifetime));
        if (startupId != null) {
            builder.claim("startup_id", startupId);
        }
        return builder.jws().sign(KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
