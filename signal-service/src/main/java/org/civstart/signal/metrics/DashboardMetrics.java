package org.civstart.signal.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.events.MetricsEvents;

/**
 * The dashboard counters, computed from the database (never incremented in memory, so they are
 * always what a page would count itself).
 */
@ApplicationScoped
public class DashboardMetrics {

    @Inject
    EntityManager em;

    @Inject
    Event<OutboxEvent> events;

    @Inject
    Analytics analytics;

    /** Admin dashboard: signals by status, assignments pending/responded, open requests, credits spent. */
    public Map<String, Long> platform() {
        Map<String, Long> c = new LinkedHashMap<>();
        long total = 0;
        Map<String, Long> byStatus = new HashMap<>();
        for (Object[] row : rows("select status, count(*) from signal group by status")) {
            byStatus.put((String) row[0], ((Number) row[1]).longValue());
        }
        for (SignalStatus s : SignalStatus.values()) {
            long n = byStatus.getOrDefault(WireEnum.wireName(s), 0L);
            c.put("signals." + WireEnum.wireName(s), n);
            total += n;
        }
        c.put("signals.total", total);
        c.put("startups.total", count("select count(*) from startup"));
        c.put("assignments.total", count("select count(*) from assignment"));
        c.put(
                "assignments.pending",
                count("select count(*) from assignment where status in ('pending_review', 'viewed')"));
        c.put(
                "assignments.responded",
                count("select count(*) from assignment where status in ('interested', 'declined')"));
        c.put("assignments.interested", count("select count(*) from assignment where status = 'interested'"));
        c.put("poolRequests.pending", count("select count(*) from pool_request where status = 'pending'"));
        c.put("connections.pending", count("select count(*) from connection_request where status = 'pending'"));
        c.put(
                "contactRequests.open",
                count("select count(*) from contact_request where status in ('pending', 'in_progress')"));
        c.put(
                "credits.spent",
                count("select coalesce(-sum(amount), 0) from credit_ledger_entry where entry_type = 'deduction'"));
        return c;
    }

    /** A startup's own dashboard. */
    public Map<String, Long> startup(UUID startupId) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("assignments.total", count("select count(*) from assignment where startup_id = ?1", startupId));
        c.put(
                "assignments.pending",
                count(
                        "select count(*) from assignment where startup_id = ?1 and status in ('pending_review', 'viewed')",
                        startupId));
        c.put(
                "assignments.interested",
                count("select count(*) from assignment where startup_id = ?1 and status = 'interested'", startupId));
        c.put(
                "assignments.declined",
                count("select count(*) from assignment where startup_id = ?1 and status = 'declined'", startupId));
        c.put(
                "credits.balance",
                count("select coalesce(max(balance), 0) from credit_account where startup_id = ?1", startupId));
        c.put(
                "credits.spent",
                count(
                        "select coalesce(-sum(amount), 0) from credit_ledger_entry where startup_id = ?1 and entry_type = 'deduction'",
                        startupId));
        c.put(
                "poolRequests.pending",
                count("select count(*) from pool_request where startup_id = ?1 and status = 'pending'", startupId));
        c.put(
                "connections.pending",
                count(
                        "select count(*) from connection_request where startup_id = ?1 and status = 'pending'",
                        startupId));
        c.put(
                "contactRequests.open",
                count(
                        "select count(*) from contact_request where startup_id = ?1 and status in ('pending', 'in_progress')",
                        startupId));
        return c;
    }

    /** Recomputes one dashboard and emits it: {@code metrics.updated}, or {@code analytics.updated}. */
    @Transactional
    public void emit(Dashboard dashboard) {
        switch (dashboard.kind()) {
            case PLATFORM -> events.fire(MetricsEvents.platform(platform()));
            case STARTUP -> events.fire(MetricsEvents.startup(dashboard.startupId(), startup(dashboard.startupId())));
            case ANALYTICS -> events.fire(MetricsEvents.analytics(analytics.compute()));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private long count(String sql, Object... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return ((Number) q.getSingleResult()).longValue();
    }
}
