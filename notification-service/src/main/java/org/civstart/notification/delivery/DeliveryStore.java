package org.civstart.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.notification.NotificationConfig;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.domain.DeliveryAttempt;
import org.civstart.notification.domain.DeliveryStatus;
import org.civstart.notification.domain.Preference;
import org.civstart.notification.preference.QuietHours;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The state changes of deliveries, each in its own short transaction (no transaction stays open
 * while a provider is called).
 */
@ApplicationScoped
public class DeliveryStore {

    /**
     * Due deliveries, and those whose sender's lease ran out (a crashed replica), become
     * {@code sending} for one lease. {@code SKIP LOCKED}: replicas claiming at the same time take
     * different rows, so nothing is sent twice by two replicas.
     */
    private static final String CLAIM = """
            update delivery set status = 'sending', lease_until = now() + ? * interval '1 millisecond'
             where id in (select id from delivery
                           where (status = 'pending' and send_at <= now()) or (status = 'sending' and lease_until < now())
                           order by send_at
                           limit ?
                           for update skip locked)
            returning id""";

    @Inject
    DataSource dataSource;

    @Inject
    NotificationConfig config;

    @Inject
    MeterRegistry registry;

    @Transactional
    public List<UUID> claimDue() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setLong(1, config.delivery().lease().toMillis());
            ps.setInt(2, config.delivery().batchSize());
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming due deliveries failed", e);
        }
    }

    @Transactional
    public Delivery load(UUID id) {
        Delivery d = Delivery.findById(id);
        return d != null && d.status == DeliveryStatus.SENDING ? d : null;
    }

    @Transactional
    public void succeeded(UUID id, Instant started) {
        Delivery d = Delivery.findById(id);
        d.attempts++;
        attempt(d, started, true, null);
        d.status = DeliveryStatus.SENT;
        d.completedAt = Instant.now();
        d.leaseUntil = null;
        count(d, "sent");
    }

    /**
     * A failed attempt: retried after the backoff, or failed for good once the attempts are spent
     * or when retrying cannot help ({@code permanent}, e.g. a template that does not render).
     *
     * @return when the next attempt is due, or null when the delivery failed for good
     */
    @Transactional
    public Instant failed(UUID id, Instant started, String error, boolean permanent) {
        Delivery d = Delivery.findById(id);
        d.attempts++;
        attempt(d, started, false, error);
        d.lastError = error;
        d.leaseUntil = null;
        if (permanent || d.attempts >= config.delivery().maxAttempts()) {
            d.status = DeliveryStatus.FAILED;
            d.completedAt = Instant.now();
            count(d, "failed");
            return null;
        }
        Duration wait = backoff().after(d.attempts);
        Instant next = Instant.now().plus(wait);
        Preference p = Preference.findById(d.recipient);
        d.status = DeliveryStatus.PENDING;
        d.sendAt = p == null ? next : QuietHours.deferUntil(p, next); // a retry does not wake anyone either
        count(d, "retry");
        return d.sendAt;
    }

    Backoff backoff() {
        var c = config.delivery();
        return new Backoff(c.backoffBase(), c.backoffMax(), c.jitter());
    }

    private static void attempt(Delivery d, Instant started, boolean succeeded, String error) {
        DeliveryAttempt a = new DeliveryAttempt();
        a.deliveryId = d.id;
        a.number = d.attempts;
        a.startedAt = started;
        a.finishedAt = Instant.now();
        a.succeeded = succeeded;
        a.error = error;
        a.persist();
    }

    private void count(Delivery d, String outcome) {
        registry.counter("notification_deliveries_total", "channel", d.channel.wireName(), "outcome", outcome)
                .increment();
    }
}
