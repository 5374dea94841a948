package org.civstart.sync.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Plain SQL against the service's database: how the tests look at its tables. */
@ApplicationScoped
public class Db {

    @Inject
    DataSource dataSource;

    /** The first column of the first row, e.g. of {@code select count(*) ...}. */
    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of the webhook's next payload to apply. */
    public long cursor(String webhookId) {
        return count("select cursor from airtable_webhook where id = ?", webhookId);
    }

    /** The webhook's stored pings that still wait for their payloads to be applied. */
    public long pings(String webhookId) {
        return count("select count(*) from airtable_ping where webhook_id = ?", webhookId);
    }
}
