package org.civstart.events.payload;

import java.util.UUID;

/** A startup's connection request to an organization or contact. */
public record ConnectionData(
        UUID connectionId,
        UUID startupId,
        String startupName,
        String targetType,
        String targetId,
        String targetName,
        String status,
        String previousStatus,
        String note) {
}
