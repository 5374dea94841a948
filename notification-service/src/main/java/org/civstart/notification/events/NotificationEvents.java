package org.civstart.notification.events;

import org.civstart.events.EventType;
import org.civstart.events.payload.NotificationCountData;
import org.civstart.events.payload.NotificationData;
import org.civstart.notification.domain.Notification;
import org.civstart.notification.domain.Recipient;
import org.civstart.outbox.OutboxEvent;

/**
 * Outbox events of an inbox. The record key is the recipient, so the events of one inbox (and
 * the unread counts they carry) arrive in commit order; {@code ce_startupid} is the startup for a
 * startup's inbox and absent for the admins', which routes them (audience RECIPIENT).
 */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    public static OutboxEvent created(Notification n, long unreadCount) {
        return event(EventType.NOTIFICATION_NEW, n, unreadCount);
    }

    public static OutboxEvent read(Notification n, long unreadCount) {
        return event(EventType.NOTIFICATION_READ, n, unreadCount);
    }

    public static OutboxEvent deleted(Notification n, long unreadCount) {
        return event(EventType.NOTIFICATION_DELETED, n, unreadCount);
    }

    public static OutboxEvent countChanged(Recipient recipient, long unreadCount) {
        return OutboxEvent.of(EventType.NOTIFICATION_COUNT_CHANGED, recipient.key(), recipient.startupId(),
                new NotificationCountData(recipient.key(), recipient.startupId(), unreadCount));
    }

    public static NotificationData data(Notification n, long unreadCount) {
        return new NotificationData(n.id, n.recipient, n.startupId, n.category.wireName(), n.title, n.body, n.link, n.read,
                n.createdAt, unreadCount);
    }

    private static OutboxEvent event(EventType type, Notification n, long unreadCount) {
        return OutboxEvent.of(type, n.recipient, n.startupId, data(n, unreadCount));
    }
}
