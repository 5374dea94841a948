package org.civstart.rest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;

/**
 * The table {@code idempotency_key} (migration {@code db/idempotency}, in every service's own
 * database): one row per caller and key with the request it was first used for and the answer it got.
 * Rows are kept for {@code civstart.idempotency.retention} (24 h), then deleted.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    /** A request's claim on a key. {@code request} is the canonical JSON of the request. */
    public record Claim(String caller, String key, String operation, ObjectNode request) {}

    /** What the first request answered; {@code result} is the method's own return value. */
    public record Answer(int status, String location, String body, Object result) {}

    @FunctionalInterface
    public interface Work {
        Answer run() throws Exception;
    }

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "civstart.idempotency.retention", defaultValue = "24h")
    Duration retention;

    /**
     * Runs {@code work} in one transaction with the claim of the key, or, if the key was used
     * before, throws {@link IdempotentReplay} (same request) or {@link IdempotencyKeyReused}.
     */
    @Transactional(rollbackOn = Exception.class)
    public Object once(Claim claim, Work work) throws Exception {
        if (!insert(claim)) {
            Stored first = find(claim);
            Map<String, String> differences = differences(first, claim);
            if (!differences.isEmpty()) {
                throw new IdempotencyKeyReused(claim.key(), differences);
            }
            throw new IdempotentReplay(first.status(), first.location(), first.body());
        }
        Answer answer = work.run();
        complete(claim, answer);
        return answer.result();
    }

    /** Inserts the claim; blocks while another transaction holds an uncommitted claim of the same key. */
    private boolean insert(Claim claim) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into idempotency_key (caller, idempotency_key, operation, request, created_at)"
                                + " values (?, ?, ?, ?::jsonb, now()) on conflict do nothing")) {
            ps.setString(1, claim.caller());
            ps.setString(2, claim.key());
            ps.setString(3, claim.operation());
            ps.setString(4, claim.request().toString());
            return ps.executeUpdate() == 1;
        }
    }

    private void complete(Claim claim, Answer answer) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update idempotency_key set status = ?, location = ?, response = ? where caller = ? and idempotency_key = ?")) {
            ps.setInt(1, answer.status());
            ps.setString(2, answer.location());
            ps.setString(3, answer.body());
            ps.setString(4, claim.caller());
            ps.setString(5, claim.key());
            ps.executeUpdate();
        }
    }

    private record Stored(String operation, JsonNode request, int status, String location, String body) {}

    private Stored find(Claim claim) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select operation, request::text, status, location, response from idempotency_key"
                                + " where caller = ? and idempotency_key = ?")) {
            ps.setString(1, claim.caller());
            ps.setString(2, claim.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("idempotency key " + claim.key() + " vanished");
                }
                return new Stored(
                        rs.getString(1),
                        json.readTree(rs.getString(2)),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5));
            }
        }
    }

    /** Field → why, for each top-level field whose value differs from the first request's. */
    private static Map<String, String> differences(Stored first, Claim claim) {
        Map<String, String> fields = new TreeMap<>();
        if (!first.operation().equals(claim.operation())) {
            fields.put(
                    RequestContextFilter.IDEMPOTENCY_KEY,
                    "was first used for another operation (" + first.operation() + ")");
            return fields;
        }
        Set<String> names = new LinkedHashSet<>();
        first.request().fieldNames().forEachRemaining(names::add);
        for (Iterator<String> it = claim.request().fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        for (String name : names) {
            JsonNode before = normalize(first.request().get(name));
            JsonNode now = normalize(claim.request().get(name));
            if (!before.equals(SAME_VALUE, now)) {
                fields.put(name, "differs from the first request with this " + RequestContextFilter.IDEMPOTENCY_KEY);
            }
        }
        return fields;
    }

    /**
     * Equal JSON values, numbers by value: the stored request comes back from jsonb as the smallest
     * number node that holds it (10 is an int), the new one as its Java type made it (a long amount is
     * a long node), and Jackson's own equals tells those apart.
     */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        return a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;
    };

    private static JsonNode normalize(JsonNode n) {
        return n == null ? NullNode.getInstance() : n;
    }

    @Scheduled(every = "${civstart.idempotency.cleanup-every:1h}", delayed = "1m")
    void deleteExpired() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            int deleted = s.executeUpdate("delete from idempotency_key where created_at < now() - interval '"
                    + retention.toSeconds() + " seconds'");
            LOG.debugf("deleted %d expired idempotency keys", deleted);
        } catch (SQLException e) {
            LOG.warnf("deleting expired idempotency keys failed: %s", e.toString());
        }
    }
}
