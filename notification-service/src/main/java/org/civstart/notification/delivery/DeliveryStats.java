package org.civstart.notification.delivery;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Channel;

/**
 * Sent / failed / pending per channel and per day (UTC). A delivery counts on the day it was
 * sent or failed; a pending one on the day it is due. In-app counts each notification created as
 * sent that day.
 */
@ApplicationScoped
public class DeliveryStats {

    private static final String DELIVERIES = """
            select channel, day,
                   count(*) filter (where status = 'sent'),
                   count(*) filter (where status = 'failed'),
                   count(*) filter (where status in ('pending', 'sending'))
              from (select channel, status, recipient,
                           cast(coalesce(completed_at, send_at) at time zone 'UTC' as date) as day
                      from delivery) d
             where day between :from and :to and (:recipient = '' or recipient = :recipient)
             group by channel, day""";

    private static final String IN_APP = """
            select day, count(*)
              from (select recipient, cast(created_at at time zone 'UTC' as date) as day from notification) n
             where day between :from and :to and (:recipient = '' or recipient = :recipient)
             group by day""";

    @Inject
    EntityManager em;

    public record Counts(long sent, long failed, long pending) {
        Counts plus(Counts o) {
            return new Counts(sent + o.sent, failed + o.failed, pending + o.pending);
        }
    }

    public record DayRow(LocalDate day, String channel, long sent, long failed, long pending) {}

    public record Report(
            LocalDate from, LocalDate to, String recipient, List<DayRow> days, Map<String, Counts> totals) {}

    @Transactional
    public Report report(LocalDate from, LocalDate to, String recipient) {
        List<DayRow> days = new ArrayList<>();
        for (Object r : query(DELIVERIES, from, to, recipient)) {
            Object[] row = (Object[]) r;
            days.add(new DayRow(date(row[1]), (String) row[0], num(row[2]), num(row[3]), num(row[4])));
        }
        for (Object r : query(IN_APP, from, to, recipient)) {
            Object[] row = (Object[]) r;
            days.add(new DayRow(date(row[0]), Channel.IN_APP.wireName(), num(row[1]), 0, 0));
        }
        days.sort((a, b) -> a.day().equals(b.day())
                ? a.channel().compareTo(b.channel())
                : a.day().compareTo(b.day()));
        Map<String, Counts> totals = new TreeMap<>();
        for (Channel c : Channel.values()) {
            totals.put(c.wireName(), new Counts(0, 0, 0));
        }
        days.forEach(d -> totals.merge(d.channel(), new Counts(d.sent(), d.failed(), d.pending()), Counts::plus));
        return new Report(from, to, recipient, days, totals);
    }

    private List<?> query(String sql, LocalDate from, LocalDate to, String recipient) {
        return em.createNativeQuery(sql)
                .setParameter("from", from)
                .setParameter("to", to)
                .setParameter("recipient", recipient == null ? "" : recipient)
                .getResultList();
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    private static LocalDate date(Object o) {
        return o instanceof Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
