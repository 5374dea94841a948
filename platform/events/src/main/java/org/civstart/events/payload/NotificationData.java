package org.civstart.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * A new in-app notification, once for its whole inbox: {@code recipient} is {@code startup:<uuid>}
 * (every user of that startup, also in {@code startupId}) or {@code admins} (every admin). Read state
 * and unread counts belong to each user and travel in {@code notification.read} /
 * {@code notification.deleted} ({@link NotificationStateData}) and {@code notification.count-changed}
 * ({@link NotificationCountData}). {@code category} is what it is about, by its wire name (README,
 * "Enum values on the wire"): {@code assignment}, {@code pool_request}, {@code connection},
 * {@code credits}, {@code contact_request} or {@code sync}. A notification's content never changes:
 * {@code version} is 1.
 */
public record NotificationData(
        UUID notificationId,
        String recipient,
        UUID startupId,
        String category,
        String title,
        String body,
        String link,
        Instant createdAt,
        long version) {}
