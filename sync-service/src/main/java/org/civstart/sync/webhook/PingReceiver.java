package org.civstart.sync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.events.WireEnum;
import org.civstart.sync.SyncConfig;
import org.civstart.sync.domain.Ping;
import org.civstart.sync.domain.Webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Checks an Airtable notification ping and persists it. Airtable signs the raw body:
 * {@code X-Airtable-Content-MAC: hmac-sha256=<hex>} is HMAC-SHA256 of the request body keyed with
 * the base64-DECODED {@code macSecretBase64} of the webhook named in the body. Only a ping that
 * passes every check is stored; a rejected one leaves nothing behind.
 *
 * <p>Metric: {@code airtable_pings_total{outcome}} (accepted, ignored_inactive, too_large,
 * missing_mac, malformed, unknown_webhook, bad_mac).
 */
@ApplicationScoped
public class PingReceiver {

    static final String MAC_PREFIX = "hmac-sha256=";

    /** What became of a ping; {@code status} is the HTTP answer, the wire name the metric's {@code outcome} tag. */
    public enum Outcome implements WireEnum {
        ACCEPTED(204),
        IGNORED_INACTIVE(204),
        TOO_LARGE(413),
        MISSING_MAC(401),
        MALFORMED(400),
        UNKNOWN_WEBHOOK(401),
        BAD_MAC(401);

        public final int status;

        Outcome(int status) {
            this.status = status;
        }
    }

    public record Received(Outcome outcome, String webhookId) {}

    @Inject
    SyncConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @Transactional
    public Received receive(byte[] body, String macHeader) {
        Received r = check(body, macHeader);
        registry.counter("airtable.pings", "outcome", r.outcome().wireName()).increment();
        return r;
    }

    private Received check(byte[] body, String macHeader) {
        if (body.length > config.maxPingBytes()) {
            return new Received(Outcome.TOO_LARGE, null);
        }
        if (macHeader == null || macHeader.isBlank()) {
            return new Received(Outcome.MISSING_MAC, null);
        }
        JsonNode ping;
        try {
            ping = json.readTree(body);
        } catch (IOException e) {
            return new Received(Outcome.MALFORMED, null);
        }
        if (ping == null
                || !ping.path("webhook").path("id").isTextual()
                || !ping.path("base").path("id").isTextual()) {
            return new Received(Outcome.MALFORMED, null);
        }
        String webhookId = ping.path("webhook").path("id").asText();
        Webhook w = Webhook.findById(webhookId);
        if (w == null || !w.baseId.equals(ping.path("base").path("id").asText())) {
            return new Received(Outcome.UNKNOWN_WEBHOOK, webhookId);
        }
        if (!verify(body, macHeader.trim(), w.macSecretBase64)) {
            return new Received(Outcome.BAD_MAC, webhookId);
        }
        if (!w.isActive()) {
            return new Received(Outcome.IGNORED_INACTIVE, webhookId);
        }
        Ping p = new Ping();
        p.webhookId = webhookId;
        p.receivedAt = Instant.now();
        p.body = new String(body, StandardCharsets.UTF_8);
        p.persist();
        return new Received(Outcome.ACCEPTED, webhookId);
    }

    /** Constant-time comparison of the header with HMAC-SHA256(base64decode(secret), body). */
    static boolean verify(byte[] body, String header, String macSecretBase64) {
        if (!header.regionMatches(true, 0, MAC_PREFIX, 0, MAC_PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(MAC_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(Base64.getDecoder().decode(macSecretBase64), body), given);
    }

    static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
