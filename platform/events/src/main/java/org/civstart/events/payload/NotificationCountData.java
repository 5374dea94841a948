package org.civstart.events.payload;

import java.util.UUID;

/**
 * One user's unread notification count ({@code userId} = the token's {@code sub}; {@code startupId}
 * is the user's startup, null for an admin). {@code version} grows by one with every change of this
 * user's count: a client that holds a count from REST ({@code GET /api/notifications/unread-count})
 * and from events keeps the one with the highest version.
 */
public record NotificationCountData(String userId, UUID startupId, long unreadCount, long version) {}
