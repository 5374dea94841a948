package org.civstart.sync.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.civstart.sync.domain.WebhookStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The Airtable webhooks as Prometheus gauges, read from the database at each scrape (so every
 * replica reports the same numbers):
 * <ul>
 *   <li>{@code airtable_webhooks{status="active|failed|expired"}}: how many webhooks are in each
 *       state; a failed or expired one no longer brings Airtable's changes (staff must register a
 *       new one);</li>
 *   <li>{@code airtable_webhook_expires_in_seconds}: seconds until the active webhook that expires
 *       first does (negative once that moment passed and the refresher has not marked it yet; NaN
 *       without an active webhook). The refresher extends a webhook
 *       {@code civstart.sync.airtable.refresh.ahead} before it expires, so a small value means refreshes fail.</li>
 * </ul>
 * The alerts in {@code deploy/k8s/monitoring} are built on them. NaN while the database cannot be read.
 */
@ApplicationScoped
public class WebhookMetrics {

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    void register(@Observes StartupEvent ignored) {
        for (WebhookStatus status : WebhookStatus.values()) {
            Gauge.builder("airtable.webhooks", this, m -> m.count(status))
                    .tag("status", status.wireName())
                    .description("Airtable webhooks by status (failed and expired ones bring no more changes)")
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("airtable.webhook.expires.in", this, WebhookMetrics::secondsUntilFirstExpiry)
                .baseUnit("seconds")
                .description("seconds until the first active Airtable webhook expires unless refreshed")
                .strongReference(true)
                .register(registry);
    }

    double count(WebhookStatus status) {
        return query("select count(*) from airtable_webhook where status = ?", status.wireName());
    }

    double secondsUntilFirstExpiry() {
        return query(
                "select extract(epoch from min(expiration_time) - now()) from airtable_webhook"
                        + " where status = ? and expiration_time is not null",
                WebhookStatus.ACTIVE.wireName());
    }

    private double query(String sql, String status) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, status);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Double.NaN;
                }
                double v = r.getDouble(1);
                return r.wasNull() ? Double.NaN : v;
            }
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
