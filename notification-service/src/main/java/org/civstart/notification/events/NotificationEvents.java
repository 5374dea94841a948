package org.civstart.notification.events;

import org.civstart.events.EventType;
import org.civstart.events.payload.AdminPreferencesData;
import org.civstart.events.payload.NotificationCountData;
import org.civstart.events.payload.NotificationData;
import org.civstart.events.payload.NotificationStateData;
import org.civstart.notification.domain.InboxUser;
import org.civstart.notification.domain.Notification;
import org.civstart.notification.domain.NotificationState;
import org.civstart.outbox.OutboxEvent;

/**
 * The outbox events this service publishes. {@code notification.new} goes once to everyone the inbox concerns
 * (key = the inbox; {@code ce_startupid} = the startup of a startup's inbox, none for the admins',
 * which routes it: audience RECIPIENT). What one user did and that user's count go to that user only
 * (audience {@code user}, {@code ce_userid} = the user's sub, key = the sub, so one user's events
 * keep their commit order), as does an admin's saved event preferences ({@code admin-preferences.updated},
 * on the compacted {@code preferences} topic: the latest per admin).
 */
public final class NotificationEvents {

    /** A notification's content never changes after it was created. */
    public static final long NOTIFICATION_VERSION = 1;

    private NotificationEvents() {}

    public static OutboxEvent created(Notification n) {
        return OutboxEvent.of(EventType.NOTIFICATION_NEW, n.recipient, n.startupId, data(n));
    }

    public static OutboxEvent read(Notification n, NotificationState s, InboxUser u) {
        return forUser(EventType.NOTIFICATION_READ, u, state(n, s, u));
    }

    public static OutboxEvent deleted(Notification n, NotificationState s, InboxUser u) {
        return forUser(EventType.NOTIFICATION_DELETED, u, state(n, s, u));
    }

    public static OutboxEvent countChanged(InboxUser u) {
        return forUser(
                EventType.NOTIFICATION_COUNT_CHANGED,
                u,
                new NotificationCountData(u.userId, u.startupId, u.unreadCount, u.version));
    }

    public static OutboxEvent preferencesUpdated(AdminPreferencesData saved) {
        return OutboxEvent.forUser(EventType.ADMIN_PREFERENCES_UPDATED, saved.userId(), saved.userId(), null, saved);
    }

    public static NotificationData data(Notification n) {
        return new NotificationData(
                n.id,
                n.recipient,
                n.startupId,
                n.category.wireName(),
                n.title,
                n.body,
                n.link,
                n.createdAt,
                NOTIFICATION_VERSION);
    }

    private static NotificationStateData state(Notification n, NotificationState s, InboxUser u) {
        boolean read = n.legacyRead || (s != null && s.readAt != null);
        return new NotificationStateData(
                n.id,
                u.userId,
                u.startupId,
                read,
                s != null && s.readAt != null ? s.readAt : n.legacyReadAt,
                s != null && s.deletedAt != null,
                u.unreadCount,
                u.version);
    }

    private static OutboxEvent forUser(EventType type, InboxUser u, Record payload) {
        return OutboxEvent.forUser(type, u.userId, u.userId, u.startupId, payload);
    }
}
