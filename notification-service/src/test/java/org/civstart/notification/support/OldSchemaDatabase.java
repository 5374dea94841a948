package org.civstart.notification.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.civstart.infra.PostgresServer;
import org.civstart.testing.RealKafkaAndPostgres;
import org.flywaydb.core.Flyway;

/**
 * A database in schema V1 (migrated to V1 only), written as the service wrote it at V1: inbox-wide read
 * marks and one set of preferences for all admins. The application then starts on it and migrates it
 * to the current schema, as a deployment would.
 */
public class OldSchemaDatabase extends RealKafkaAndPostgres {

    public static final UUID STARTUP = UUID.fromString("0b1d0000-0000-4000-8000-000000000001");
    public static final UUID READ_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a1");
    public static final UUID UNREAD_1 = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a2");
    public static final UUID UNREAD_2 = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a3");
    public static final UUID ADMIN_READ_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000b1");
    public static final UUID ADMIN_UNREAD = UUID.fromString("0b1d0000-0000-4000-8000-0000000000b2");
    public static final String TEAM_EMAIL = "staff-before@civstart.test";
    public static final String STARTUP_EMAIL = "team-before@acme.test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        String url = config.get("quarkus.datasource.jdbc.url");
        Flyway.configure().dataSource(url, PostgresServer.USER, "").locations("classpath:db/migration", "classpath:db/outbox")
                .target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, ""); Statement s = c.createStatement()) {
            notification(s, READ_BEFORE, "startup:" + STARTUP, STARTUP, true, "2026-01-01T10:00:00Z");
            notification(s, UNREAD_1, "startup:" + STARTUP, STARTUP, false, "2026-01-02T10:00:00Z");
            notification(s, UNREAD_2, "startup:" + STARTUP, STARTUP, false, "2026-01-03T10:00:00Z");
            notification(s, ADMIN_READ_BEFORE, "admins", null, true, "2026-01-01T11:00:00Z");
            notification(s, ADMIN_UNREAD, "admins", null, false, "2026-01-02T11:00:00Z");
            s.executeUpdate("insert into preference (recipient, email, channels, time_zone, updated_at) values ('admins', '"
                    + TEAM_EMAIL + "', '{}', 'UTC', now())");
            s.executeUpdate("insert into preference (recipient, email, channels, time_zone, updated_at) values ('startup:" + STARTUP
                    + "', '" + STARTUP_EMAIL + "', '{}', 'UTC', now())");
        } catch (Exception e) {
            throw new IllegalStateException("writing the old schema's data failed", e);
        }
        return config;
    }

    private static void notification(Statement s, UUID id, String recipient, UUID startup, boolean read, String at) throws Exception {
        s.executeUpdate("insert into notification (id, recipient, startup_id, category, event_type, source_event_id, title, body,"
                + " link, data, read, read_at, created_at) values ('" + id + "', '" + recipient + "', "
                + (startup == null ? "null" : "'" + startup + "'") + ", 'assignment', 'assignment.created', 'old-" + id
                + "', 'Before " + id + "', 'body', '/before/" + id + "', '{}', " + read + ", " + (read ? "'" + at + "'" : "null")
                + ", '" + at + "')");
    }
}
