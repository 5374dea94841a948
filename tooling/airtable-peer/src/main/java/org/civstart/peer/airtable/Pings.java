package org.civstart.peer.airtable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.civstart.peer.airtable.FakeAirtable.Hook;

/**
 * Airtable's notification pings: {@code {"base":{"id":…},"webhook":{"id":…},"timestamp":…}} POSTed
 * to the webhook's receiver with {@code X-Airtable-Content-MAC: hmac-sha256=<hex>}, the HMAC-SHA256 of
 * the raw body keyed with the webhook's MAC secret.
 */
final class Pings {

    static final String MAC_HEADER = "X-Airtable-Content-MAC";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile URI target;

    void target(URI target) {
        this.target = target;
    }

    /** Sends a ping for the webhook, signed with its secret; returns the receiver's HTTP status. */
    int ping(Hook hook) {
        String body = "{\"base\":{\"id\":\"" + hook.baseId + "\"},\"webhook\":{\"id\":\"" + hook.id
                + "\"},\"timestamp\":\"" + Instant.now() + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(bytes, mac(hook.secret, bytes));
    }

    /** Sends any body with any MAC header (null: no header); returns the receiver's HTTP status. */
    int send(byte[] body, String macHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (macHeader != null) {
            request.header(MAC_HEADER, macHeader);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("ping failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code hmac-sha256=<hex>} of HMAC-SHA256(secret, body). */
    static String mac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "hmac-sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
