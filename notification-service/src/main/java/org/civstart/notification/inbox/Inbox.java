package org.civstart.notification.inbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Notification;
import org.civstart.rest.NotFoundException;
import org.civstart.notification.domain.Recipient;
import org.civstart.notification.events.NotificationEvents;
import org.civstart.outbox.OutboxEvent;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * A recipient's in-app inbox. Every change fires its {@code notification.*} event and a
 * {@code notification.count-changed} with the new unread count, in the transaction of the change.
 * A notification of another inbox is "not found": nobody learns what others were told.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    InboxLock lock;

    @Inject
    MeterRegistry registry;

    public record Slice(List<Notification> items, long total, long unreadCount) {
    }

    /** Adds a notification (already filled in) to its recipient's inbox. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Notification n) {
        Recipient recipient = n.recipient();
        lock.lock(recipient);
        n.persist();
        long unread = Notification.unreadCount(n.recipient);
        events.fire(NotificationEvents.created(n, unread));
        events.fire(NotificationEvents.countChanged(recipient, unread));
        registry.counter("notifications_created_total", "category", n.category.wireName()).increment();
    }

    @Transactional
    public Slice list(Recipient recipient, boolean unreadOnly, int page, int size) {
        String query = unreadOnly ? "recipient = ?1 and read = false" : "recipient = ?1";
        var found = Notification.<Notification>find(query, Sort.descending("createdAt").and("id", Sort.Direction.Descending),
                recipient.key());
        return new Slice(found.page(Page.of(page, size)).list(), found.count(), Notification.unreadCount(recipient.key()));
    }

    @Transactional
    public long unreadCount(Recipient recipient) {
        return Notification.unreadCount(recipient.key());
    }

    @Transactional
    public Notification get(Recipient recipient, UUID id) {
        return own(recipient, id);
    }

    /** Marks one read; reading a read notification again changes nothing and publishes nothing. */
    @Transactional
    public Notification markRead(Recipient recipient, UUID id) {
        lock.lock(recipient);
        Notification n = own(recipient, id);
        if (!n.read) {
            n.read = true;
            n.readAt = Instant.now();
            long unread = Notification.unreadCount(recipient.key()); // flushed first (AUTO flush)
            events.fire(NotificationEvents.read(n, unread));
            events.fire(NotificationEvents.countChanged(recipient, unread));
        }
        return n;
    }

    /** Marks every unread notification read: one {@code notification.read} each, then one count. */
    @Transactional
    public int markAllRead(Recipient recipient) {
        lock.lock(recipient);
        List<Notification> unread = Notification.list("recipient = ?1 and read = false order by createdAt", recipient.key());
        Instant now = Instant.now();
        for (Notification n : unread) {
            n.read = true;
            n.readAt = now;
            events.fire(NotificationEvents.read(n, 0));
        }
        if (!unread.isEmpty()) {
            events.fire(NotificationEvents.countChanged(recipient, 0));
        }
        return unread.size();
    }

    @Transactional
    public void delete(Recipient recipient, UUID id) {
        lock.lock(recipient);
        Notification n = own(recipient, id);
        n.delete();
        long unread = Notification.unreadCount(recipient.key());
        events.fire(NotificationEvents.deleted(n, unread));
        events.fire(NotificationEvents.countChanged(recipient, unread));
    }

    private static Notification own(Recipient recipient, UUID id) {
        Notification n = Notification.findById(id);
        if (n == null || !n.recipient.equals(recipient.key())) {
            throw new NotFoundException("no notification " + id + " in this inbox");
        }
        return n;
    }
}
