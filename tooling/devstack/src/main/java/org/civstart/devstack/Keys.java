package org.civstart.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * The local stack's token signing key pair, made at first start under {@code .local/keys}. The
 * services verify tokens with the public key ({@code QUARKUS_OIDC_PUBLIC_KEY}); {@code ./run-local
 * token ...} signs with the private one. In Kubernetes, Keycloak signs instead.
 */
final class Keys {

    static final String ISSUER = "http://localhost/realms/civstart-local";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private Keys(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    static Keys loadOrCreate(Path dir) throws Exception {
        Path priv = dir.resolve("private.key");
        Path pub = dir.resolve("public.key");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (Files.exists(priv) && Files.exists(pub)) {
            return new Keys(
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(
                            Base64.getDecoder().decode(Files.readString(priv).trim()))),
                    rsa.generatePublic(new X509EncodedKeySpec(
                            Base64.getDecoder().decode(Files.readString(pub).trim()))));
        }
        Files.createDirectories(dir);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        write(priv, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        write(pub, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        return new Keys(pair.getPrivate(), pair.getPublic());
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content + "\n");
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    String admin(String subject, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of("admin"))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(lifetime))
                .jws()
                .sign(privateKey);
    }

    String startup(String startupId, String subject, Duration lifetime) {
        return Jwt.issuer(ISSUER)
                .subject(subject)
                .upn(subject)
                .groups(Set.of("startup"))
                .claim("startup_id", startupId)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plus(lifetime))
                .jws()
                .sign(privateKey);
    }
}
