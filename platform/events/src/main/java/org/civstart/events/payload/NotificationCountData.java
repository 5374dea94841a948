package org.civstart.events.payload;

import java.util.UUID;

/** The recipient's unread notification count, so a badge updates without a fetch. */
public record NotificationCountData(String recipient, UUID startupId, long unreadCount) {
}
