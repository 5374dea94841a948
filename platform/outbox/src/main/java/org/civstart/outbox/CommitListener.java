package org.civstart.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the commits of other replicas. A service replica that is not the relay leader sends
 * {@code NOTIFY civstart_outbox} inside its transaction ({@link OutboxWriter}); PostgreSQL delivers
 * it only if and when that transaction commits. Every replica listens on its own connection and
 * wakes its relay, so the leader publishes another replica's commit at once instead of at the next
 * sweep. (The leader's own commits wake it in-process, without NOTIFY.)
 */
final class CommitListener implements AutoCloseable {

    static final String CHANNEL = "civstart_outbox";
    private static final Logger LOG = Logger.getLogger(CommitListener.class);

    private final DataSource dataSource;
    private final Runnable onCommit;
    private final Thread thread;
    private volatile boolean running = true;

    CommitListener(DataSource dataSource, Runnable onCommit, String name) {
        this.dataSource = dataSource;
        this.onCommit = onCommit;
        this.thread = new Thread(this::run, name + "-listener");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null && notifications.length > 0) {
                        onCommit.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.debugf("outbox commit listener reconnecting: %s", e.toString());
                    sleep(Duration.ofSeconds(1));
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
