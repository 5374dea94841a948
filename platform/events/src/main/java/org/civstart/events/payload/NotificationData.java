package org.civstart.events.payload;

import java.time.Instant;
import java.util.UUID;

/** An in-app notification and the recipient's unread count after the change. */
public record NotificationData(
        UUID notificationId,
        String recipient,
        UUID startupId,
        String category,
        String title,
        String body,
        String link,
        boolean read,
        Instant createdAt,
        long unreadCount) {
}
