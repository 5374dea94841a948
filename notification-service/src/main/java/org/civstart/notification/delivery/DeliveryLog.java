package org.civstart.notification.delivery;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.domain.DeliveryAttempt;
import org.civstart.notification.domain.DeliveryStatus;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** For staff: what was (or will be) sent where, with every attempt. */
@ApplicationScoped
public class DeliveryLog {

    /** A delivery with its attempts, first attempt first. */
    public record Entry(Delivery delivery, List<DeliveryAttempt> attempts) {}

    /**
     * Newest first, filtered by recipient (whose preferences it was sent by), status and channel;
     * a null filter does not restrict.
     */
    @Transactional
    public List<Entry> list(String recipient, DeliveryStatus status, Channel channel, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (recipient != null) {
            q.append(" and recipient = :recipient");
            p.and("recipient", recipient);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (channel != null) {
            q.append(" and channel = :channel");
            p.and("channel", channel);
        }
        return Delivery.<Delivery>find(q.toString(), Sort.descending("createdAt"), p)
                .page(Page.of(page, size))
                .list()
                .stream()
                .map(DeliveryLog::entry)
                .toList();
    }

    /** One delivery; a 404 when there is none. */
    @Transactional
    public Entry get(UUID id) {
        return entry(Delivery.require(id));
    }

    private static Entry entry(Delivery d) {
        return new Entry(d, DeliveryAttempt.of(d.id));
    }
}
