package org.civstart.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Consumer-side idempotency: the log of events a consumer has applied, keyed by {@code ce_id}.
 * Call {@link #firstTime} inside the transaction that applies the event; the log row commits
 * with the effect, so a redelivered event (at-least-once) is recognized and skipped:
 *
 * <pre>
 * &#64;Transactional
 * void on(CloudEvent event) {
 *     if (!processed.firstTime("signal-service", event.id())) return;
 *     ... apply ...
 * }
 * </pre>
 */
@ApplicationScoped
public class ProcessedEvents {

    @Inject
    DataSource dataSource;

    /**
     * Records that {@code consumer} processes event {@code eventId} now.
     *
     * @return false if it was processed before (the caller must skip it)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing")) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("recording processed event " + eventId + " failed", e);
        }
    }
}
