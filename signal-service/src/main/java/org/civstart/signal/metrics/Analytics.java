package org.civstart.signal.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.civstart.events.WireEnum;
import org.civstart.events.payload.AnalyticsData;
import org.civstart.events.payload.AnalyticsData.AnalyticsWindow;
import org.civstart.events.payload.AnalyticsData.AssignmentRates;
import org.civstart.signal.domain.ConnectionStatus;
import org.civstart.signal.domain.PoolRequestStatus;
import org.civstart.signal.domain.Tier;

/**
 * The analytics of the admin panel ({@link AnalyticsData}), computed from the database on demand:
 * never counted in memory, so the numbers are what the tables say.
 */
@ApplicationScoped
public class Analytics {

    /** The windows, in days. */
    public static final List<Integer> WINDOWS = List.of(7, 30);

    @Inject
    EntityManager em;

    public AnalyticsData compute() {
        Instant now = Instant.now();
        List<AnalyticsWindow> windows = new ArrayList<>();
        for (int days : WINDOWS) {
            windows.add(window(days, now.minus(Duration.ofDays(days))));
        }
        return new AnalyticsData(now, windows);
    }

    private AnalyticsWindow window(int days, Instant since) {
        Object[] a = (Object[]) em.createNativeQuery("select count(*), count(viewed_at),"
                        + " count(*) filter (where status in ('interested', 'declined')),"
                        + " count(*) filter (where status = 'interested'), count(*) filter (where status = 'declined')"
                        + " from assignment where created_at >= ?1")
                .setParameter(1, since)
                .getSingleResult();
        long created = n(a[0]);
        long viewed = n(a[1]);
        long responded = n(a[2]);
        long interested = n(a[3]);
        AssignmentRates assignments = new AssignmentRates(
                created,
                viewed,
                responded,
                interested,
                n(a[4]),
                rate(viewed, created),
                rate(responded, created),
                rate(interested, responded));
        return new AnalyticsWindow(
                days,
                since,
                assignments,
                byKey(
                        WireEnum.wireNames(ConnectionStatus.class),
                        "select status, count(*) from connection_request where created_at >= ?1 group by status",
                        since),
                byKey(
                        WireEnum.wireNames(PoolRequestStatus.class),
                        "select status, count(*) from pool_request where created_at >= ?1 group by status",
                        since),
                byKey(
                        WireEnum.wireNames(Tier.class),
                        "select s.tier, coalesce(-sum(e.amount), 0) from credit_ledger_entry e"
                                + " join startup s on s.id = e.startup_id where e.entry_type = 'deduction' and e.created_at >= ?1"
                                + " group by s.tier",
                        since));
    }

    /** Every key, 0 unless the query (key, count) says otherwise. */
    private Map<String, Long> byKey(List<String> keys, String sql, Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        keys.forEach(k -> counts.put(k, 0L));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, since).getResultList();
        rows.forEach(row -> counts.put((String) row[0], n(row[1])));
        return counts;
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
