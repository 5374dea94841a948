package org.civstart.events.payload;

import java.time.Instant;
import java.util.UUID;

/**
 * What one user ({@code userId}, the token's {@code sub}) did to one notification of their inbox
 * (read it, or deleted it from their own view: others of the inbox keep it), with that user's unread
 * count and its {@code version} afterwards (the same pair the following
 * {@code notification.count-changed} carries when the count changed).
 */
public record NotificationStateData(
        UUID notificationId,
        String userId,
        UUID startupId,
        boolean read,
        Instant readAt,
        boolean deleted,
        long unreadCount,
        long version) {}
