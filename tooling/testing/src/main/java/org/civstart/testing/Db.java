package org.civstart.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.quarkus.arc.Arc;

/**
 * Plain SQL against a service's database, for tests that assert state in rows rather than through
 * the service: each call opens a connection (auto-commit), binds {@code ?} parameters with
 * {@code setObject} and closes it. Rows are maps from column label to the driver's value, in select
 * order. Every SQL failure is an unchecked {@link IllegalStateException} whose message holds the
 * statement and the database's own message (e.g. a trigger's refusal).
 * <pre>
 * Db db = Db.application();                                   // in a &#64;QuarkusTest: the service's datasource
 * long n = db.count("select count(*) from outbox where aggregateid = ?", id);
 * Map&lt;String, Object&gt; row = db.row("select status, version from signal where id = ?", id);
 * db.execute("update delivery set send_at = now() where id = ?", id);
 * </pre>
 */
public final class Db {

    /** Where connections come from: a {@link DataSource}, {@link DriverManager}, the running application. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;

    private Db(Connections connections) {
        this.connections = connections;
    }

    public static Db of(DataSource dataSource) {
        return new Db(dataSource::getConnection);
    }

    /** A database outside this JVM's application (the chaos suite's, e2e's packaged services'). */
    public static Db of(String jdbcUrl, String user, String password) {
        return new Db(() -> DriverManager.getConnection(jdbcUrl, user, password));
    }

    /**
     * The default datasource of the Quarkus application under test, looked up on each call (so a field
     * initialiser of a {@code @QuarkusTest} class may hold it).
     */
    public static Db application() {
        return new Db(() -> Arc.container().instance(DataSource.class).get().getConnection());
    }

    /** The first column of the one row {@code sql} selects, as a long: {@code count(*)}, a sum, a cursor. */
    public long count(String sql, Object... params) {
        Object value = row(sql, params).values().iterator().next();
        if (!(value instanceof Number number)) {
            throw new AssertionError("not a number: " + value + " from " + sql);
        }
        return number.longValue();
    }

    /** The one row {@code sql} selects; an {@link AssertionError} when there are none or several. */
    public Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + sql);
        }
        return rows.get(0);
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connections.open();
                PreparedStatement ps = prepare(c, sql, params);
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> out = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** Runs any other statement (insert, update, delete, DDL); returns the update count (0 for DDL). */
    public int execute(String sql, Object... params) {
        try (Connection c = connections.open();
                PreparedStatement ps = prepare(c, sql, params)) {
            return ps.execute() ? 0 : Math.max(ps.getUpdateCount(), 0);
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static IllegalStateException failure(String sql, SQLException e) {
        return new IllegalStateException(e.getMessage() + " (" + sql + ")", e);
    }
}
