package org.civstart.chaos.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.chaos.system.Database;

/** What the services' own databases hold, read from outside over JDBC. */
public final class Stores {

    /** A credit ledger row: the effect of one adjustment in signal-service. */
    public record LedgerRow(UUID id, UUID startupId, long amount, long balanceAfter) {}

    private final Database database;

    public Stores(Database database) {
        this.database = database;
    }

    /** signal-service's ledger rows of these startups, by id. */
    public Map<UUID, LedgerRow> ledger(List<UUID> startups) throws SQLException {
        Map<UUID, LedgerRow> rows = new HashMap<>();
        try (Connection c = database.connect("signal");
                PreparedStatement ps = c.prepareStatement(
                        "select id, startup_id, amount, balance_after from credit_ledger_entry where startup_id = any(?)")) {
            ps.setArray(1, uuids(c, startups));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    rows.put(id, new LedgerRow(id, rs.getObject(2, UUID.class), rs.getLong(3), rs.getLong(4)));
                }
            }
        }
        return rows;
    }

    /** Rows waiting in signal-service's outbox. */
    public long outboxPending() throws SQLException {
        try (Connection c = database.connect("signal");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The age of the oldest row waiting in signal-service's outbox, in seconds (0 when empty). */
    public double outboxOldestAgeSeconds() throws SQLException {
        try (Connection c = database.connect("signal");
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select coalesce(extract(epoch from now() - min(timestamp)), 0) from outbox")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** notification-service's notifications of these startups: source event id → how many notifications it made. */
    public Map<String, Integer> notificationsBySourceEvent(List<UUID> startups) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = database.connect("notification");
                PreparedStatement ps = c.prepareStatement(
                        "select source_event_id, count(*) from notification where startup_id = any(?) group by source_event_id")) {
            ps.setArray(1, uuids(c, startups));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return counts;
    }

    private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
