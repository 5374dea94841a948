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
 * marks, one set of preferences for all admins, and enum values spelled with {@code -} ({@code pool-request},
 * {@code contact-request}, {@code in-app}). The application then starts on it and migrates it to the
 * current schema, as a deployment would.
 */
public class OldSchemaDatabase extends RealKafkaAndPostgres {

    public static final UUID STARTUP = UUID.fromString("0b1d0000-0000-4000-8000-000000000001");
    public static final UUID READ_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a1");
    public static final UUID UNREAD_1 = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a2");
    public static final UUID UNREAD_2 = UUID.fromString("0b1d0000-0000-4000-8000-0000000000a3");
    public static final UUID ADMIN_READ_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000b1");
    public static final UUID ADMIN_UNREAD = UUID.fromString("0b1d0000-0000-4000-8000-0000000000b2");
    /** A startup whose inbox holds a pool request's notification (category {@code pool-request} at V1). */
    public static final UUID POOL_STARTUP = UUID.fromString("0b1d0000-0000-4000-8000-000000000002");

    public static final UUID POOL_REQUEST_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000c1");
    /** The email V1 sent for {@link #POOL_REQUEST_BEFORE}. */
    public static final UUID POOL_DELIVERY = UUID.fromString("0b1d0000-0000-4000-8000-0000000000d1");
    /**
     * A delivery on channel {@code in-app}. V1 planned deliveries on external channels only, so it never
     * wrote one; V3 rewrites every channel column whatever it holds, and this row shows it.
     */
    public static final UUID IN_APP_DELIVERY = UUID.fromString("0b1d0000-0000-4000-8000-0000000000d2");
    /** An admin notification of category {@code contact-request} at V1. */
    public static final UUID CONTACT_REQUEST_BEFORE = UUID.fromString("0b1d0000-0000-4000-8000-0000000000c2");

    public static final String TEAM_EMAIL = "staff-before@civstart.test";
    /** The admin team's channels as V1 stored them. */
    public static final String TEAM_CHANNELS =
            "{\"pool-request\": [\"email\", \"in-app\"], \"contact-request\": [], \"sync\": null}";
    /** The startup's channels as V1 stored them. */
    public static final String STARTUP_CHANNELS = "{\"pool-request\": [\"push\", \"email\"]}";

    public static final String STARTUP_EMAIL = "team-before@acme.test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        String url = config.get("quarkus.datasource.jdbc.url");
        Flyway.configure()
                .dataSource(url, PostgresServer.USER, "")
                .locations("classpath:db/migration", "classpath:db/outbox")
                .target("1")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, "");
                Statement s = c.createStatement()) {
            assignment(s, READ_BEFORE, "startup:" + STARTUP, STARTUP, true, "2026-01-01T10:00:00Z");
            assignment(s, UNREAD_1, "startup:" + STARTUP, STARTUP, false, "2026-01-02T10:00:00Z");
            assignment(s, UNREAD_2, "startup:" + STARTUP, STARTUP, false, "2026-01-03T10:00:00Z");
            assignment(s, ADMIN_READ_BEFORE, "admins", null, true, "2026-01-01T11:00:00Z");
            assignment(s, ADMIN_UNREAD, "admins", null, false, "2026-01-02T11:00:00Z");
            notification(
                    s,
                    POOL_REQUEST_BEFORE,
                    "startup:" + POOL_STARTUP,
                    POOL_STARTUP,
                    "pool-request",
                    "pool-request.approved",
                    false,
                    "2026-01-04T10:00:00Z");
            notification(
                    s,
                    CONTACT_REQUEST_BEFORE,
                    "admins",
                    null,
                    "contact-request",
                    "contact-request.created",
                    true,
                    "2026-01-04T11:00:00Z");
            delivery(s, POOL_DELIVERY, "email", "pool-before@acme.test", "sent");
            delivery(s, IN_APP_DELIVERY, "in-app", "startup:" + POOL_STARTUP, "failed");
            s.executeUpdate(
                    "insert into template_override (event_type, channel, text, updated_at) values ('pool-request.approved',"
                            + " 'email', 'Approved before', now())");
            // like the in-app delivery, a row V1 never wrote (its API refused in-app templates): rewritten all the same
            s.executeUpdate(
                    "insert into template_override (event_type, channel, text, updated_at) values ('pool-request.rejected',"
                            + " 'in-app', 'Rejected before', now())");
            s.executeUpdate(
                    "insert into preference (recipient, email, channels, time_zone, updated_at) values ('admins', '"
                            + TEAM_EMAIL + "', '" + TEAM_CHANNELS + "', 'UTC', now())");
            s.executeUpdate(
                    "insert into preference (recipient, email, channels, time_zone, updated_at) values ('startup:"
                            + STARTUP + "', '" + STARTUP_EMAIL + "', '" + STARTUP_CHANNELS + "', 'UTC', now())");
        } catch (Exception e) {
            throw new IllegalStateException("writing the old schema's data failed", e);
        }
        return config;
    }

    /** A finished delivery of {@link #POOL_REQUEST_BEFORE}. */
    private static void delivery(Statement s, UUID id, String channel, String address, String status) throws Exception {
        s.executeUpdate(
                "insert into delivery (id, notification_id, recipient, channel, address, event_type, items, status, send_at,"
                        + " attempts, created_at, completed_at) values ('" + id + "', '" + POOL_REQUEST_BEFORE
                        + "', 'startup:" + POOL_STARTUP
                        + "', '" + channel + "', '" + address + "', 'pool-request.approved', '[{}]', '" + status + "',"
                        + " '2026-01-04T10:00:00Z', 1, '2026-01-04T10:00:00Z', '2026-01-04T10:00:01Z')");
    }

    private static void assignment(Statement s, UUID id, String recipient, UUID startup, boolean read, String at)
            throws Exception {
        notification(s, id, recipient, startup, "assignment", "assignment.created", read, at);
    }

    private static void notification(
            Statement s,
            UUID id,
            String recipient,
            UUID startup,
            String category,
            String eventType,
            boolean read,
            String at)
            throws Exception {
        s.executeUpdate(
                "insert into notification (id, recipient, startup_id, category, event_type, source_event_id, title, body,"
                        + " link, data, read, read_at, created_at) values ('" + id + "', '" + recipient + "', "
                        + (startup == null ? "null" : "'" + startup + "'") + ", '" + category + "', '" + eventType
                        + "', 'old-" + id
                        + "', 'Before " + id + "', 'body', '/before/" + id + "', '{}', " + read + ", "
                        + (read ? "'" + at + "'" : "null")
                        + ", '" + at + "')");
    }
}
